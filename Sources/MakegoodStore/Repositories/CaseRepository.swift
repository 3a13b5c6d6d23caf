public import Foundation
public import MakegoodDomain
import SQLKit

/// Recovery cases: opened by the alert run, worked by notes and by the people who own them. A change is written as
/// the case's new row and an appended event; events are never changed (the database's triggers refuse it).
public struct CaseRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// Opens a case for each response a run alerted whose thread has none yet (a duplicate keeps its case).
    func open(responses ids: [UUID], run: String, alertedAt: Date, targetHours: Int) async throws {
        let alerted = Instant.milliseconds(alertedAt)
        let due = Instant.milliseconds(CaseDeadlines.due(alertedAt: alertedAt, targetHours: targetHours))
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)].map(\.storageKey)
            try await sql.raw(
                """
                INSERT INTO recovery_cases (id, instance_id, thread_id, response_id, alert_run_id, alerted_at, due_at, state, contacted_at,
                    support_group_code)
                SELECT id, instance_id, note_thread_id, id, \(bind: run), \(bind: alerted), \(bind: due),
                    CASE WHEN first_spoken_at IS NULL THEN 'open' ELSE 'contacted' END, first_spoken_at, support_group_code
                FROM survey_responses WHERE \(scope.rows(withIDs: chunk))
                ON CONFLICT (instance_id, thread_id) DO NOTHING
                """
            ).run()
        }
        try await sql.raw(
            """
            INSERT INTO case_events (id, instance_id, case_id, change, by_whom, at, seq)
            SELECT id, instance_id, id, 'opened', \(bind: CaseEvent.system), alerted_at, 1 FROM recovery_cases
            WHERE instance_id = \(bind: scope.key) AND alert_run_id = \(bind: run)
            ON CONFLICT (instance_id, case_id, seq) DO NOTHING
            """
        ).run()
    }

    /// Keeps a case's group that of its response, after the response's group changed (a reassignment, a fix).
    func followGroup(of response: UUID) async throws {
        try await sql.raw(
            """
            UPDATE recovery_cases SET support_group_code = (SELECT r.support_group_code FROM survey_responses r
                WHERE r.instance_id = recovery_cases.instance_id AND r.id = recovery_cases.response_id)
            WHERE instance_id = \(bind: scope.key) AND response_id = \(bind: response.storageKey)
            """
        ).run()
    }

    /// The case of a current response, nil when no alert has reported it.
    public func find(response id: UUID) async throws -> RecoveryCase? {
        // PostgreSQL locks the row for the rest of a write's transaction, so two saves of one case take turns;
        // SQLite's one writer already makes them.
        let lock: SQLQueryString = scope.kind == .postgres ? " FOR UPDATE" : ""
        return try await sql.raw(
            "SELECT * FROM recovery_cases WHERE instance_id = \(bind: scope.key) AND response_id = \(bind: id.storageKey)" + lock
        ).first().map(Self.decode)
    }

    /// The cases of current responses, by response id; a response no alert reported has none.
    public func cases(ofResponses ids: [UUID]) async throws -> [UUID: RecoveryCase] {
        var cases: [UUID: RecoveryCase] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)].map(\.storageKey)
            let rows = try await sql.raw(
                "SELECT * FROM recovery_cases WHERE instance_id = \(bind: scope.key) AND response_id IN (\(binds: chunk))"
            ).all()
            for row in rows {
                let recovery = try Self.decode(row)
                cases[recovery.responseID] = recovery
            }
        }
        return cases
    }

    /// A case's changes, oldest first.
    public func events(of caseID: UUID) async throws -> [CaseEvent] {
        try await sql.raw(
            """
            SELECT change, owner_id, resolution, by_whom, at FROM case_events
            WHERE instance_id = \(bind: scope.key) AND case_id = \(bind: caseID.storageKey) ORDER BY seq
            """
        ).all().map(Self.decodeEvent)
    }

    /// Applies an action to a current response's case, recording what changed; nil when the response has no case.
    @discardableResult
    public func apply(_ action: CaseAction, to response: UUID, by author: String, at instant: Date, group: SupportGroup?) async throws
        -> RecoveryCase?
    {
        guard let current = try await find(response: response) else { return nil }
        let (next, changes) = try current.applying(action, at: instant, group: group)
        guard next != current else { return current }
        try await sql.raw(
            """
            UPDATE recovery_cases SET owner_id = \(bind: next.assignedOwner?.storageKey), state = \(bind: next.state.rawValue),
                resolution = \(bind: next.resolution?.rawValue), contacted_at = \(bind: next.contactedAt.map(Instant.milliseconds)),
                closed_at = \(bind: next.closedAt.map(Instant.milliseconds))
            WHERE instance_id = \(bind: scope.key) AND id = \(bind: next.id.storageKey)
            """
        ).run()
        for change in changes {
            try await append(change, to: next.id, by: author, at: instant)
        }
        return next
    }

    func append(_ change: CaseEvent.Change, to caseID: UUID, by author: String, at instant: Date) async throws {
        let (name, owner, resolution): (String, String?, String?) =
            switch change {
            case .opened: ("opened", nil, nil)
            case .owner(let contact): ("owner", contact.storageKey, nil)
            case .contacted: ("contacted", nil, nil)
            case .closed(let resolution): ("closed", nil, resolution.rawValue)
            case .reopened: ("reopened", nil, nil)
            case .escalated(let contact): ("escalated", contact?.storageKey, nil)
            }
        try await sql.raw(
            """
            INSERT INTO case_events (id, instance_id, case_id, change, owner_id, resolution, by_whom, at, seq)
            SELECT \(bind: UUID().storageKey), \(bind: scope.key), \(bind: caseID.storageKey), \(bind: name), \(bind: owner),
                \(bind: resolution), \(bind: author), \(bind: Instant.milliseconds(instant)), COALESCE(MAX(seq), 0) + 1
            FROM case_events WHERE instance_id = \(bind: scope.key) AND case_id = \(bind: caseID.storageKey)
            """
        ).run()
    }

    /// The first `limit` cases not closed yet, of the given groups (nil: every group), each with its response's group,
    /// in queue order (`CaseQueue.ordered`: overdue first, then by due, then by id).
    public func unclosed(groups: Set<String>?, now: Date, limit: Int = Int.max) async throws -> [(case: RecoveryCase, group: String?)] {
        guard let filter = Self.groupFilter(groups) else { return [] }
        let at = Instant.milliseconds(now)
        var query: SQLQueryString = """
            SELECT c.* FROM recovery_cases c WHERE c.instance_id = \(bind: scope.key) AND c.state IN ('open', 'contacted')
            """
        query += filter
        query += " ORDER BY CASE WHEN c.state = 'open' AND c.due_at < \(bind: at) THEN 0 ELSE 1 END, c.due_at, c.id"
        if limit != Int.max { query += " LIMIT \(literal: limit)" }
        let rows = try await sql.raw(query).all().map { row in
            (case: try Self.decode(row), group: try row.decode(column: "support_group_code", as: String?.self))
        }
        return CaseQueue.ordered(rows, at: now) { $0.case }
    }

    /// How many cases of the given groups (nil: every group) are not closed, how many of those are overdue at `now`,
    /// and how many were closed at or after `closedSince`.
    public func queueCounts(groups: Set<String>?, now: Date, closedSince: Date) async throws -> CaseQueue.Counts {
        guard let filter = Self.groupFilter(groups) else { return CaseQueue.Counts(open: 0, overdue: 0, closedThisWeek: 0) }
        let cases: SQLQueryString = "FROM recovery_cases c WHERE c.instance_id = \(bind: scope.key)"
        var unclosed: SQLQueryString = """
            SELECT COUNT(*) AS unclosed,
                COALESCE(SUM(CASE WHEN c.state = 'open' AND c.due_at < \(bind: Instant.milliseconds(now)) THEN 1 ELSE 0 END), 0) AS overdue
            """
        unclosed += " " + cases + " AND c.state IN ('open', 'contacted')" + filter
        // By the closing index: the week's closed cases, not every case the instance ever closed.
        var closed: SQLQueryString = "SELECT COUNT(*) AS closed "
        closed += cases + " AND c.closed_at >= \(bind: Instant.milliseconds(closedSince)) AND c.state = 'closed'" + filter
        let counts = try await sql.raw(unclosed).first()
        return CaseQueue.Counts(
            open: try counts?.decode(column: "unclosed", as: Int.self) ?? 0, overdue: try counts?.decode(column: "overdue", as: Int.self) ?? 0,
            closedThisWeek: try await sql.raw(closed).first()?.decode(column: "closed", as: Int.self) ?? 0)
    }

    /// ` AND c.support_group_code IN (…)`, empty for every group; nil when no group is wanted.
    private static func groupFilter(_ groups: Set<String>?) -> SQLQueryString? {
        guard let groups else { return "" }
        guard !groups.isEmpty else { return nil }
        return " AND c.support_group_code IN (\(binds: groups.sorted()))"
    }

    static func decode(_ row: any SQLRow) throws -> RecoveryCase {
        RecoveryCase(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            responseID: UUID(uuidString: try row.decode(column: "response_id", as: String.self))!,
            assignedOwner: try row.decode(column: "owner_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            state: CaseState(rawValue: try row.decode(column: "state", as: String.self)) ?? .open,
            resolution: try row.decode(column: "resolution", as: String?.self).flatMap(CaseResolution.init(rawValue:)),
            alertedAt: Instant.date(try row.decode(column: "alerted_at", as: Int64.self)),
            dueAt: Instant.date(try row.decode(column: "due_at", as: Int64.self)),
            contactedAt: try row.decode(column: "contacted_at", as: Int64?.self).map(Instant.date),
            closedAt: try row.decode(column: "closed_at", as: Int64?.self).map(Instant.date),
            escalatedAt: try row.decode(column: "escalated_at", as: Int64?.self).map(Instant.date))
    }

    static func decodeEvent(_ row: any SQLRow) throws -> CaseEvent {
        let change: CaseEvent.Change
        switch try row.decode(column: "change", as: String.self) {
        case "owner":
            change = .owner(UUID(uuidString: try row.decode(column: "owner_id", as: String.self))!)
        case "contacted": change = .contacted
        case "closed":
            change = .closed(CaseResolution(rawValue: try row.decode(column: "resolution", as: String.self)) ?? .recovered)
        case "reopened": change = .reopened
        case "escalated": change = .escalated(try row.decode(column: "owner_id", as: String?.self).flatMap(UUID.init(uuidString:)))
        default: change = .opened
        }
        return CaseEvent(
            change: change, by: try row.decode(column: "by_whom", as: String.self),
            at: Instant.date(try row.decode(column: "at", as: Int64.self)))
    }
}
