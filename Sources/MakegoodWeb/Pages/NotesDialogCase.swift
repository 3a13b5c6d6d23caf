import Foundation
import MakegoodDomain
import MakegoodStore

/// The recovery case part of the notes dialog: who owns it, where it stands, when it is due, and its history.
/// Every value is plain text, escaped by the template.
struct NotesDialogCase {
    struct Choice {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Event {
        let text: String
        let by: String
        let time: String
        let datetime: String
    }

    let state: String
    let stateLabel: String
    let owner: String
    let due: String
    let dueText: String?
    let overdue: Bool
    let closed: Bool
    let resolution: String?
    /// The contacts of the group it can be given to, when the visitor may give it (an admin, the group's lead).
    let owners: [Choice]
    let resolutions: [Choice]
    let events: [Event]

    init(
        _ recovery: RecoveryCase, group: SupportGroup?, events: [CaseEvent], names: [UUID: String], mayAssign: Bool,
        chosenResolution: String?, now: Date, zone: TimeZone
    ) {
        state = recovery.state.rawValue
        stateLabel = recovery.state.label
        let owner = recovery.owner(in: group)
        self.owner = owner.flatMap { names[$0] } ?? "—"
        due = DisplayTime.format(recovery.dueAt, in: zone)
        overdue = recovery.isOverdue(at: now)
        dueText = recovery.state == .open ? CaseDeadlines.describe(dueAt: recovery.dueAt, now: now) : nil
        closed = recovery.state == .closed
        resolution = recovery.resolution?.label
        owners =
            mayAssign
            ? (group?.recipients ?? []).map { Choice(value: $0.storageKey, label: names[$0] ?? "a contact since removed", selected: $0 == owner) }
            : []
        resolutions = CaseResolution.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == chosenResolution) }
        self.events = events.map { event in
            Event(
                text: Self.describe(event.change, names: names), by: event.by, time: DisplayTime.format(event.at, in: zone),
                datetime: RFC3339.format(event.at))
        }
    }

    static func describe(_ change: CaseEvent.Change, names: [UUID: String]) -> String {
        switch change {
        case .opened: "Case opened by the alert"
        case .owner(let contact): "Given to \(names[contact] ?? "a contact since removed")"
        case .contacted: "Customer contacted"
        case .closed(let resolution): "Closed: \(resolution.label)"
        case .reopened: "Reopened"
        case .escalated(let contact?): "Escalated to \(names[contact] ?? "a contact since removed"), the Department's lead"
        case .escalated(nil): "Escalated to the admins"
        }
    }

    /// The contacts whose names the case part shows: the group's, and those its history names.
    static func contacts(of group: SupportGroup?, events: [CaseEvent]) -> Set<UUID> {
        var ids = Set(group?.recipients ?? [])
        for event in events {
            switch event.change {
            case .owner(let contact), .escalated(let contact?): ids.insert(contact)
            default: break
            }
        }
        return ids
    }
}
