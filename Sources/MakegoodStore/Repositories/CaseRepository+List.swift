public import Foundation
public import MakegoodDomain
import SQLKit

/// What `GET /api/v1/cases` asks for.
public struct CaseQuery: Sendable {
    /// Only cases in these states; nil: every state.
    public var states: Set<CaseState>?
    /// Only cases overdue (true) or not overdue (false) at `now`.
    public var overdue: Bool?
    public var now: Date
    /// Only cases of responses in these groups.
    public var groups: [String]?
    /// Only the cases this contact owns, given the instance's groups (ownership depends on the group's people).
    public var owner: (contact: UUID, groups: [SupportGroup])?
    /// Alert instants, from inclusive, before exclusive.
    public var alertedFrom: Date?
    public var alertedBefore: Date?
    public var limit: Int
    /// The first page is the soonest due.
    public var after: PageCursor?

    public init(
        states: Set<CaseState>? = nil, overdue: Bool? = nil, now: Date, groups: [String]? = nil,
        owner: (contact: UUID, groups: [SupportGroup])? = nil, alertedFrom: Date? = nil, alertedBefore: Date? = nil, limit: Int = 100,
        after: PageCursor? = nil
    ) {
        self.states = states
        self.overdue = overdue
        self.now = now
        self.groups = groups
        self.owner = owner
        self.alertedFrom = alertedFrom
        self.alertedBefore = alertedBefore
        self.limit = limit
        self.after = after
    }
}

extension CaseRepository {
    /// A case by its id, with its response's group.
    public func find(id: UUID) async throws -> (case: RecoveryCase, group: String?)? {
        try await sql.raw(
            """
            SELECT c.* FROM recovery_cases c
            WHERE c.instance_id = \(bind: scope.key) AND c.id = \(bind: id.storageKey)
            """
        ).first().map { (case: try Self.decode($0), group: try $0.decode(column: "support_group_code", as: String?.self)) }
    }

    /// A page of cases by due instant, soonest first, each with its response's group, and the next page's cursor.
    public func list(_ query: CaseQuery) async throws -> (items: [(case: RecoveryCase, group: String?)], next: PageCursor?) {
        var sql: SQLQueryString = """
            SELECT c.* FROM recovery_cases c
            WHERE c.instance_id = \(bind: scope.key)
            """
        if let states = query.states { sql += " AND c.state IN (\(binds: states.map(\.rawValue).sorted()))" }
        let now = Instant.milliseconds(query.now)
        switch query.overdue {
        case true?: sql += " AND c.state = 'open' AND c.due_at < \(bind: now)"
        case false?: sql += " AND (c.state <> 'open' OR c.due_at >= \(bind: now))"
        case nil: break
        }
        if let groups = query.groups {
            guard !groups.isEmpty else { return ([], nil) }
            sql += " AND c.support_group_code IN (\(binds: groups))"
        }
        if let owner = query.owner {
            guard let clause = Self.owned(by: owner.contact, in: owner.groups) else { return ([], nil) }
            sql += clause
        }
        if let from = query.alertedFrom { sql += " AND c.alerted_at >= \(bind: Instant.milliseconds(from))" }
        if let before = query.alertedBefore { sql += " AND c.alerted_at < \(bind: Instant.milliseconds(before))" }
        if let after = query.after {
            sql += " AND (c.due_at > \(bind: after.at) OR (c.due_at = \(bind: after.at) AND c.id > \(bind: after.id)))"
        }
        sql += " ORDER BY c.due_at, c.id LIMIT \(literal: query.limit + 1)"
        let rows = try await self.sql.raw(sql).all().map { row in
            (case: try Self.decode(row), group: try row.decode(column: "support_group_code", as: String?.self))
        }
        let items = Array(rows.prefix(query.limit))
        let next = rows.count > query.limit ? items.last.map { PageCursor(at: Instant.milliseconds($0.case.dueAt), id: $0.case.id.storageKey) } : nil
        return (items, next)
    }

    /// ` AND (…)`: the cases `contact` owns as `RecoveryCase.owner(in:)` says, group by group; nil when they own none.
    /// The lead of a group owns its cases given to nobody, or to someone no longer in the group; an Also Alert owns
    /// those given to them.
    static func owned(by contact: UUID, in groups: [SupportGroup]) -> SQLQueryString? {
        let key = contact.storageKey
        let clauses: [SQLQueryString] = groups.filter { $0.recipients.contains(contact) }.map { group in
            guard group.lead == contact else {
                return "(c.support_group_code = \(bind: group.code) AND c.owner_id = \(bind: key))"
            }
            let others = group.recipients.filter { $0 != contact }.map(\.storageKey)
            guard !others.isEmpty else { return "c.support_group_code = \(bind: group.code)" }
            return "(c.support_group_code = \(bind: group.code) AND (c.owner_id IS NULL OR c.owner_id NOT IN (\(binds: others))))"
        }
        guard !clauses.isEmpty else { return nil }
        return " AND (" + clauses.joined(separator: " OR ") + ")"
    }
}
