public import Foundation

/// Who a run tells about which responses: each recipient once, covering every group they lead or are alerted for.
public enum AlertPlan {
    /// One recipient's share of a run.
    public struct Recipient: Equatable, Sendable {
        public let contact: UUID
        /// Their groups with responses to recover, in code order.
        public let groups: [String]
        /// The responses to recover, in the order given.
        public let responses: [UUID]
    }

    /// Recipients of the responses (each with its group code), from the groups as assigned now.
    public static func recipients(of responses: [(id: UUID, group: String)], groups: [SupportGroup]) -> [Recipient] {
        let byCode = Dictionary(groups.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var groupsOf: [UUID: Set<String>] = [:]
        var responsesOf: [UUID: [UUID]] = [:]
        for response in responses {
            guard let group = byCode[response.group] else { continue }
            for contact in group.recipients {
                groupsOf[contact, default: []].insert(group.code)
                responsesOf[contact, default: []].append(response.id)
            }
        }
        return groupsOf.keys.sorted { $0.uuidString < $1.uuidString }.map { contact in
            Recipient(contact: contact, groups: groupsOf[contact]!.sorted(), responses: responsesOf[contact]!)
        }
    }
}
