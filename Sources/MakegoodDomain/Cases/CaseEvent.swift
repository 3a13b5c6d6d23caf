public import Foundation

/// One change to a recovery case, kept for good: cases are worked by appending these, never by editing them.
public struct CaseEvent: Equatable, Sendable {
    public enum Change: Equatable, Sendable {
        /// The alert that reported the response opened the case.
        case opened
        /// The case was given to another contact of its group.
        case owner(UUID)
        /// The first note with Spoke = yes.
        case contacted
        case closed(CaseResolution)
        case reopened
        /// Nobody spoke to the customer by due + `escalateAfterHours`: told to the Department's lead (that contact),
        /// or to the instance's admins (nil).
        case escalated(UUID?)
    }

    public let change: Change
    /// Who made the change, as the notes dialog's Your name or the login's name; "Makegood" for the alert.
    public let by: String
    public let at: Date

    public init(change: Change, by: String, at: Date) {
        self.change = change
        self.by = by
        self.at = at
    }

    /// The author the log names for the changes Makegood makes itself.
    public static let system = "Makegood"
}
