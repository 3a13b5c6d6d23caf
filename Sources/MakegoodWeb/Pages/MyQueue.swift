import Foundation
import MakegoodDomain
import MakegoodStore

/// My queue (issue 21): the cases not closed yet of the visitor's groups (every group for an admin, or the one
/// `rgid` names), overdue first, then by due, with the counts above them. Plain text only; the template escapes it.
struct MyQueue {
    struct Item {
        let href: String?
        let ticket: String
        let customer: String
        let rating: String
        let band: String
        let group: String
        let owner: String
        let state: String
        let due: String
        let dueText: String?
        let overdue: Bool
    }

    struct GroupChoice {
        let code: String
        let name: String
        let selected: Bool
    }

    let items: [Item]
    let open: Int
    let overdue: Int
    let closedThisWeek: Int
    /// The group filter, for admins.
    let groups: [GroupChoice]
    let cpc: String
    /// "… and 40 more", when the queue holds more cases than the page lists.
    let more: String?

    /// The most cases the page lists, the most urgent; the counts are of all of them.
    static let shown = 100

    /// The groups whose cases a visitor works: an admin every group, a contact the groups they lead or are alerted for.
    static func groups(of visitor: PortalVisitor, in all: [SupportGroup]) -> Set<String>? {
        if visitor.access == .admin { return nil }
        guard let contact = visitor.contact?.id else { return [] }
        return Set(all.filter { $0.recipients.contains(contact) }.map(\.code))
    }

    static func load(for visitor: PortalVisitor, filter: String?, store: Store, now: Date) async throws -> MyQueue {
        let instance = visitor.instance
        let zone = instance.preferences.timezone
        return try await store.read { db in
            let scope = db.scoped(to: instance.id)
            let all = try await scope.supportGroups.list()
            var groups = Self.groups(of: visitor, in: all)
            let isAdmin = groups == nil
            if let filter, !filter.isEmpty, isAdmin || groups?.contains(filter) == true { groups = [filter] }
            let cases = try await scope.cases.unclosed(groups: groups, now: now, limit: Self.shown)
            let counts = try await scope.cases.queueCounts(
                groups: groups, now: now, closedSince: CaseQueue.weekStart(containing: now, in: zone))
            let responses = Dictionary(
                try await scope.responses.find(cases.map(\.case.responseID)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let byCode = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            var names: [UUID: String] = [:]
            for id in Set(cases.compactMap { $0.case.owner(in: $0.group.flatMap { byCode[$0] }) }) {
                names[id] = try await scope.contacts.find(id)?.name
            }
            let items = cases.map { entry -> Item in
                let recovery = entry.case
                let group = entry.group.flatMap { byCode[$0] }
                let response = responses[recovery.responseID]
                let s = response?.submission
                return Item(
                    href: response.flatMap { NotesDialogController.link(cpc: instance.cpc, to: $0, in: zone) },
                    ticket: s?.ticketId ?? "(missing)", customer: s?.customerName ?? s?.customerEmail ?? "—",
                    rating: s.map { "\($0.rating.value)" } ?? "", band: s?.rating.band.rawValue ?? "",
                    group: group?.name ?? entry.group ?? "—", owner: recovery.owner(in: group).flatMap { names[$0] } ?? "—",
                    state: recovery.state.label, due: DisplayTime.format(recovery.dueAt, in: zone),
                    dueText: recovery.state == .open ? CaseDeadlines.describe(dueAt: recovery.dueAt, now: now) : nil,
                    overdue: recovery.isOverdue(at: now))
            }
            let choices =
                isAdmin ? all.map { GroupChoice(code: $0.code, name: $0.name, selected: $0.code == filter) } : []
            return MyQueue(
                items: items, open: counts.open, overdue: counts.overdue, closedThisWeek: counts.closedThisWeek, groups: choices,
                cpc: instance.cpc,
                more: counts.open > items.count ? "… and \(counts.open - items.count) more, less urgent; the counts above include them." : nil)
        }
    }
}
