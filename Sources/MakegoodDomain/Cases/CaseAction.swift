public import Foundation

/// What someone does to a case; `RecoveryCase.applying` says what it changes.
public enum CaseAction: Equatable, Sendable {
    /// A note was saved.
    case note(spoke: Bool)
    /// Close with a resolution; `withNote` tells whether a note was saved with it, which closing needs.
    case close(CaseResolution, withNote: Bool)
    case reopen
    /// Give the case to a contact of its group.
    case assign(UUID)
}

extension RecoveryCase {
    /// The case after an action, with the changes to record; no changes when the action changes nothing.
    public func applying(_ action: CaseAction, at instant: Date, group: SupportGroup?) throws(DomainError) -> (
        RecoveryCase, [CaseEvent.Change]
    ) {
        var next = self
        switch action {
        case .note(let spoke):
            guard spoke, contactedAt == nil || state == .open else { return (self, []) }
            next.contactedAt = contactedAt ?? instant
            guard state == .open else { return (next, []) }
            next.state = .contacted
            return (next, [.contacted])
        case .close(let resolution, let withNote):
            guard state != .closed else {
                throw DomainError(
                    .conflict, field: "resolution",
                    "This case is already closed as \(self.resolution?.label ?? "closed"); reopen it first to close it again.")
            }
            guard withNote else {
                throw DomainError(
                    field: "resolution", "Closing a case needs a note: write in Your notes what was done, then save with the resolution.")
            }
            next.state = .closed
            next.resolution = resolution
            next.closedAt = instant
            return (next, [.closed(resolution)])
        case .reopen:
            guard state == .closed else {
                throw DomainError(.conflict, field: "state", "This case is not closed, so there is nothing to reopen.")
            }
            next.state = contactedAt == nil ? .open : .contacted
            next.resolution = nil
            next.closedAt = nil
            return (next, [.reopened])
        case .assign(let contact):
            guard let group, group.recipients.contains(contact) else {
                throw DomainError(
                    .unknownReference, field: "owner",
                    "A case can be given only to the Support Lead or an Also Alert of its Support Group; choose one of them.")
            }
            guard contact != owner(in: group) else { return (self, []) }
            next.assignedOwner = contact
            return (next, [.owner(contact)])
        }
    }
}
