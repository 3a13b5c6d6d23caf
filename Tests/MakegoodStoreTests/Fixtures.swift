import Foundation
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport

/// A fixed instant, so no test depends on today's date.
let t0 = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T...Z

/// An instance with a contact, a group `TEAM` and a segment `ENT`, ready for responses.
struct Fixture {
    let store: Store
    let instance: Instance
    let lead: Contact

    var scope: (StoreSession) -> InstanceScope { { $0.scoped(to: instance.id) } }

    static func make(on store: Store, cpc: String = "acme", groups: [String] = ["TEAM"], segments: [String] = ["ENT"]) async throws
        -> Fixture
    {
        let instance = Instance(cpc: cpc, name: "Acme", preferences: try Preferences(timezone: TimeZone(identifier: "Australia/Sydney")!))
        let lead = try Contact(name: "Lee Lead", email: "lee@acme.example", mobile: "+61412345678")
        try await store.write { session in
            try await session.instances.create(instance, now: t0)
            let scope = session.scoped(to: instance.id)
            try await scope.contacts.create(lead, now: t0)
            for code in segments { _ = try await scope.segments.put(try Segment(code: code, name: "Segment \(code)"), now: t0) }
            for code in groups {
                _ = try await scope.supportGroups.put(
                    try SupportGroup(code: code, name: "Group \(code)", department: nil, lead: lead.id, alsoAlerts: []), now: t0)
            }
        }
        return Fixture(store: store, instance: instance, lead: lead)
    }

    /// Stores a response through the store's one ResponseWriter, as the API's intake and the import do.
    @discardableResult
    func submit(
        ticket: String?, group: String? = "TEAM", segment: String? = "ENT", rating: Int = 3, at: Date = t0, comment: String? = nil
    ) async throws -> ResponseReceipt {
        let submission = try SurveySubmission(
            ticketId: ticket, supportGroupCode: group, segmentCode: segment, customerName: "Cas Customer",
            customerEmail: "cas@example.com", agent: "Ann Agent", rating: try Rating(rating), factors: ["Speed"],
            comment: comment, receivedAt: at)
        return try await store.storeResponse(submission, instance: instance.id, now: at)
    }

    func note(_ responseID: UUID, author: String = "Lee", spoke: Bool, text: String = "called", at: Date) async throws -> Note {
        let id = instance.id
        let draft = try NoteDraft(author: author, spokeToCustomer: spoke, text: text, createdAt: at)
        return try await store.write { try await $0.scoped(to: id).notes.append(draft, to: responseID, now: at) }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (InstanceScope) async throws -> T) async throws -> T {
        let id = instance.id
        return try await store.read { try await body($0.scoped(to: id)) }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (InstanceScope) async throws -> T) async throws -> T {
        let id = instance.id
        return try await store.write { try await body($0.scoped(to: id)) }
    }
}
