public import Foundation

/// What a portal user may open (SPEC §6), from their role and the groups their contact belongs to.
public enum PortalAccess: Equatable, Sendable {
    /// An instance admin: everything in the instance.
    case admin
    /// A Support Lead, or an Also Alert marked `dashboard`: dashboards, reports and the notes dialog.
    case dashboard
    /// An Also Alert marked `alertsOnly` and nothing more: the notes dialog of these groups only.
    case alertsOnly(groups: Set<String>)
    /// A member whose contact is in no group (or who has none): nothing yet.
    case none

    public static func of(isAdmin: Bool, contact: UUID?, groups: [SupportGroup]) -> PortalAccess {
        if isAdmin { return .admin }
        guard let contact else { return .none }
        var alertsOnly = Set<String>()
        for group in groups {
            if group.lead == contact { return .dashboard }
            for also in group.alsoAlerts where also.contact == contact {
                if also.access == .dashboard { return .dashboard }
                alertsOnly.insert(group.code)
            }
        }
        return alertsOnly.isEmpty ? .none : .alertsOnly(groups: alertsOnly)
    }

    /// Whether the notes dialog of a response in `group` may be opened.
    public func mayOpenNotes(ofGroup group: String?) -> Bool {
        switch self {
        case .admin, .dashboard: true
        case .alertsOnly(let groups): group.map(groups.contains) ?? false
        case .none: false
        }
    }

    /// Whether reports and dashboards may be opened.
    public var mayOpenReports: Bool {
        switch self {
        case .admin, .dashboard: true
        case .alertsOnly, .none: false
        }
    }
}
