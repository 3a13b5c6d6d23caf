public import Foundation

/// A customer to win back: every response an alert reported as needing recovery is one. The case belongs to the
/// response's note thread, so a duplicate survey keeps it, and to the response's group, so a reassignment moves it.
public struct RecoveryCase: Equatable, Sendable {
    public let id: UUID
    /// The current response of the case's thread.
    public var responseID: UUID
    /// The owner someone chose; nil (or a contact no longer in the group) means the group's Support Lead.
    public var assignedOwner: UUID?
    public var state: CaseState
    public var resolution: CaseResolution?
    /// The alert instant that reported the case.
    public let alertedAt: Date
    /// By when someone should have spoken to the customer: the alert + `targetHours`.
    public let dueAt: Date
    public var contactedAt: Date?
    public var closedAt: Date?
    /// When it went to the Department's lead (or the admins) for want of a call; a case escalates once.
    public var escalatedAt: Date?

    public init(
        id: UUID, responseID: UUID, assignedOwner: UUID?, state: CaseState, resolution: CaseResolution?, alertedAt: Date, dueAt: Date,
        contactedAt: Date?, closedAt: Date?, escalatedAt: Date? = nil
    ) {
        self.id = id
        self.responseID = responseID
        self.assignedOwner = assignedOwner
        self.state = state
        self.resolution = resolution
        self.alertedAt = alertedAt
        self.dueAt = dueAt
        self.contactedAt = contactedAt
        self.closedAt = closedAt
        self.escalatedAt = escalatedAt
    }

    /// Who owns the case now: the contact it was given to while they are still the lead or an Also Alert of the
    /// group, else the group's Support Lead (nil for a response whose group is gone).
    public func owner(in group: SupportGroup?) -> UUID? {
        guard let group else { return nil }
        if let assignedOwner, group.recipients.contains(assignedOwner) { return assignedOwner }
        return group.lead
    }

    /// How pages and files name where it stands: "Open", "Contacted", "Closed: recovered".
    public var stateText: String {
        if state == .closed, let resolution { return "\(state.label): \(resolution.label)" }
        return state.label
    }

    /// Whether the target passed with nobody having spoken to the customer.
    public func isOverdue(at now: Date) -> Bool {
        state == .open && now > dueAt
    }
}
