public import Foundation

/// A Team or Department that resolves tickets, with the people told about its unhappy customers.
public struct SupportGroup: Equatable, Sendable {
    /// The Support Group Code (`rgid` in URLs), unique in the instance.
    public let code: String
    public var name: String
    /// The parent Department's code, if this group is a Team within one.
    public var department: String?
    /// The Support Lead, a Contact of the instance.
    public var lead: UUID
    public var alsoAlerts: [AlsoAlert]

    public static let maxAlsoAlerts = 6

    /// A group read back from storage, already checked when it was written.
    public static func restored(code: String, name: String, department: String?, lead: UUID, alsoAlerts: [AlsoAlert]) -> SupportGroup {
        SupportGroup(unchecked: code, name: name, department: department, lead: lead, alsoAlerts: alsoAlerts)
    }

    private init(unchecked code: String, name: String, department: String?, lead: UUID, alsoAlerts: [AlsoAlert]) {
        self.code = code
        self.name = name
        self.department = department
        self.lead = lead
        self.alsoAlerts = alsoAlerts
    }

    public init(code: String, name: String, department: String?, lead: UUID, alsoAlerts: [AlsoAlert]) throws(DomainError) {
        try Code.validate(code, field: "code")
        let name = try PlainText.name(name, field: "name")
        guard alsoAlerts.count <= Self.maxAlsoAlerts else {
            throw DomainError(
                field: "alsoAlerts",
                "a Support Group can have at most 6 Also Alerts; remove one before adding another (got \(alsoAlerts.count))")
        }
        let contacts = alsoAlerts.map(\.contact)
        guard Set(contacts).count == contacts.count else {
            throw DomainError(.conflict, field: "alsoAlerts", "each contact may be an Also Alert of a group only once")
        }
        guard department != code else {
            throw DomainError(.conflict, field: "department", "a Support Group cannot be its own department")
        }
        self.code = code
        self.name = name
        self.department = department
        self.lead = lead
        self.alsoAlerts = alsoAlerts
    }

    /// Everyone alerted about this group's responses: the lead first, then the Also Alerts.
    public var recipients: [UUID] {
        var seen: Set<UUID> = [lead]
        return [lead] + alsoAlerts.map(\.contact).filter { seen.insert($0).inserted }
    }
}

/// A Contact told about a group's unhappy customers besides its lead.
public struct AlsoAlert: Equatable, Sendable {
    /// What an Also Alert may open.
    public enum Access: String, Sendable, CaseIterable {
        /// Full dashboard access.
        case dashboard
        /// Service Recovery alerts and the notes dialog only.
        case alertsOnly
    }

    public let contact: UUID
    public let access: Access

    public init(contact: UUID, access: Access) {
        self.contact = contact
        self.access = access
    }
}

/// The tree of Departments and Teams, as each group's parent code.
public struct GroupHierarchy: Sendable {
    /// Each group's code and its department's code.
    public let parents: [String: String?]

    public init(parents: [String: String?]) {
        self.parents = parents
    }

    /// Checks that giving `code` the parent `department` keeps the tree a tree.
    public func validateParent(_ department: String?, for code: String) throws(DomainError) {
        guard let department else { return }
        guard parents[department] != nil else {
            throw DomainError(
                .unknownReference, field: "department",
                "department \(department) is not a Support Group of this instance; create it first or leave department null")
        }
        var seen: Set<String> = [code]
        var current: String? = department
        while let node = current {
            guard seen.insert(node).inserted else {
                throw DomainError(
                    .conflict, field: "department",
                    "making \(department) the department of \(code) would create a cycle (\(code) is above \(department))")
            }
            current = parents[node] ?? nil
        }
    }

    /// A group and every group below it, for reports that combine a Department with its Teams.
    public func descendants(of code: String) -> Set<String> {
        var result: Set<String> = [code]
        var changed = true
        while changed {
            changed = false
            for (child, parent) in parents where parent.map(result.contains) == true && !result.contains(child) {
                result.insert(child)
                changed = true
            }
        }
        return result
    }
}
