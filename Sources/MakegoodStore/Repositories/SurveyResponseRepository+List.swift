public import Foundation
public import MakegoodDomain
public import SQLKit

extension SurveyResponseRepository {
    /// A page of current responses, newest first, and the cursor of the next page.
    public func list(_ query: ResponseQuery) async throws -> (items: [SurveyResponse], next: PageCursor?) {
        let thread: SQLQueryString = "n.instance_id = r.instance_id AND n.thread_id = r.note_thread_id"
        var conditions = conditions(query)
        if let after = query.after {
            let comparison: SQLQueryString = query.oldestFirst ? ">" : "<"
            conditions.append(
                "(r.received_at \(comparison) \(bind: after.at) OR (r.received_at = \(bind: after.at) AND r.id \(comparison) \(bind: after.id)))")
        }
        let fetch = query.limit == Int.max ? Int.max : query.limit + 1
        var statement: SQLQueryString = """
            SELECT r.*,
                (SELECT COUNT(*) FROM notes n WHERE \(thread)) AS note_count,
                (SELECT COUNT(*) FROM notes n WHERE \(thread) AND n.spoke_to_customer = \(bind: true)) AS spoken_count,
                (SELECT MAX(n.created_at) FROM notes n WHERE \(thread)) AS latest_note_at
            """
        if query.withLatestNote {
            let latest: SQLQueryString = "FROM notes n WHERE \(thread) ORDER BY n.created_at DESC, n.seq DESC LIMIT 1"
            statement += ", (SELECT n.text \(latest)) AS latest_note_text, (SELECT n.author \(latest)) AS latest_note_author"
        }
        statement += " FROM survey_responses r WHERE "
        statement += conditions.joined(separator: " AND ")
        // Looked up by id, the rows come by the primary key and their order is not asked for; with an ORDER BY,
        // SQLite walks the instance's received-date index instead, every row of it, to skip a sort of a few rows.
        if query.ids == nil || fetch != Int.max { statement += " ORDER BY " + Self.order(query) }
        if fetch != Int.max { statement += " LIMIT \(literal: fetch)" }
        if query.offset > 0 { statement += " OFFSET \(literal: query.offset)" }
        let rows = try await sql.raw(statement).all()
        var items = try rows.prefix(query.limit).map { row in
            var response = try Self.decode(row)
            if query.withLatestNote, let text = try row.decode(column: "latest_note_text", as: String?.self) {
                response.notes.latestAuthor = try row.decode(column: "latest_note_author", as: String.self)
                response.notes.latestText = text
            }
            return response
        }
        let reassignments = try await reassignments(of: items.map(\.id))
        for index in items.indices {
            items[index].reassignments = reassignments[items[index].id] ?? []
        }
        let next = rows.count > query.limit
            ? items.last.map { PageCursor(at: Instant.milliseconds($0.submission.receivedAt), id: $0.id.storageKey) }
            : nil
        return (items, next)
    }

    /// How many current responses the query selects, ignoring paging.
    public func count(_ query: ResponseQuery) async throws -> Int {
        var statement: SQLQueryString = "SELECT COUNT(*) AS n FROM survey_responses r WHERE "
        statement += conditions(query).joined(separator: " AND ")
        return try await sql.raw(statement).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    private func conditions(_ query: ResponseQuery) -> [SQLQueryString] {
        let thread: SQLQueryString = "n.instance_id = r.instance_id AND n.thread_id = r.note_thread_id"
        // The instance always; by id, in the form that keeps SQLite on the primary key.
        let instance: SQLQueryString = switch query.ids {
        case .some(let ids) where !ids.isEmpty: scope.rows(withIDs: ids.map(\.storageKey), of: "r")
        case .some: "1 = 0"
        case .none: "r.instance_id = \(bind: scope.key)"
        }
        var conditions: [SQLQueryString] = [instance]
        if !query.includingSuperseded { conditions.append("r.superseded_by IS NULL") }
        if let from = query.receivedFrom { conditions.append("r.received_at >= \(bind: Instant.milliseconds(from))") }
        if let before = query.receivedBefore { conditions.append("r.received_at < \(bind: Instant.milliseconds(before))") }
        if let groups = query.groups {
            conditions.append(groups.isEmpty ? "1 = 0" : "r.support_group_code IN (\(binds: groups))")
        }
        if let segments = query.segments {
            conditions.append(segments.isEmpty ? "1 = 0" : "r.segment_code IN (\(binds: segments))")
        }
        if let tid = query.ticketId { conditions.append("r.ticket_id = \(bind: tid)") }
        if let states = query.caseStates {
            conditions.append(
                states.isEmpty
                    ? "1 = 0"
                    : "EXISTS (SELECT 1 FROM recovery_cases c WHERE c.instance_id = r.instance_id AND c.response_id = r.id AND c.state IN (\(binds: states.map(\.rawValue).sorted())))"
            )
        }
        if let runs = query.alertRuns {
            conditions.append(runs.isEmpty ? "1 = 0" : "r.alert_run_id IN (\(binds: runs))")
        }
        if let min = query.minRating { conditions.append("r.rating >= \(bind: min)") }
        if let max = query.maxRating { conditions.append("r.rating <= \(bind: max)") }
        if let code = query.mentioningCode {
            conditions.append("(r.support_group_code = \(bind: code) OR r.segment_code = \(bind: code))")
        }
        if let window = query.unalertedIn {
            conditions.append(
                "r.alerted_at IS NULL AND r.received_at > \(bind: Instant.milliseconds(window.after)) AND r.received_at <= \(bind: Instant.milliseconds(window.upTo))"
            )
        }
        switch query.status {
        case .valid: conditions.append("r.status = 'valid'")
        case .invalid: conditions.append("r.status = 'invalid'")
        case .all: break
        }
        let hasNotes: SQLQueryString = "EXISTS (SELECT 1 FROM notes n WHERE \(thread))"
        let hasSpoken: SQLQueryString = "EXISTS (SELECT 1 FROM notes n WHERE \(thread) AND n.spoke_to_customer = \(bind: true))"
        let needsRecovery: SQLQueryString = "r.rating <= \(bind: query.threshold)"
        switch query.srn {
        case .none, .all: break
        case .needingRecovery: conditions.append(needsRecovery)
        case .needingRecoveryWithoutNotes: conditions.append(needsRecovery + " AND NOT " + hasNotes)
        case .withNotes: conditions.append(hasNotes)
        case .neverSpoken: conditions.append(hasNotes + " AND NOT " + hasSpoken)
        case .hasSpoken: conditions.append(hasSpoken)
        }
        return conditions
    }

    /// The ORDER BY clause: a dashboard column first when asked, always ending with a stable tie-break.
    private static func order(_ query: ResponseQuery) -> SQLQueryString {
        if let sort = query.sort {
            let direction: SQLQueryString = sort.descending ? "DESC" : "ASC"
            // NULLs sort last either way, so blank agents or segments never crowd the top of a page.
            let column: SQLQueryString? = switch sort.column {
            case .date: nil
            case .group: "r.support_group_code"
            case .agent: "r.agent"
            case .customer: "r.customer_name"
            case .segment: "r.segment_code"
            case .rating: "r.rating"
            }
            if let column {
                return "CASE WHEN \(column) IS NULL THEN 1 ELSE 0 END, \(column) \(direction), r.received_at DESC, r.id DESC"
            }
            return "r.received_at \(direction), r.id \(direction)"
        }
        return query.oldestFirst ? "r.received_at, r.id" : "r.received_at DESC, r.id DESC"
    }

    private func reassignments(of ids: [UUID]) async throws -> [UUID: [Reassignment]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT response_id, from_code, to_code, by_whom, at FROM reassignments
            WHERE instance_id = \(bind: scope.key) AND response_id IN (\(binds: ids.map(\.storageKey))) ORDER BY at, id
            """
        ).all()
        var result: [UUID: [Reassignment]] = [:]
        for row in rows {
            let id = UUID(uuidString: try row.decode(column: "response_id", as: String.self))!
            result[id, default: []].append(
                Reassignment(
                    from: try row.decode(column: "from_code", as: String?.self),
                    to: try row.decode(column: "to_code", as: String.self),
                    by: try row.decode(column: "by_whom", as: String.self),
                    at: Instant.date(try row.decode(column: "at", as: Int64.self))))
        }
        return result
    }

    static func decode(_ row: any SQLRow) throws -> SurveyResponse {
        let factors = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "factors", as: String.self).utf8))
        let problems = try JSONDecoder().decode(
            [ResponseProblem].self, from: Data(try row.decode(column: "problems", as: String.self).utf8))
        let submission = SurveySubmission.restored(
            ticketId: try row.decode(column: "ticket_id", as: String?.self),
            supportGroupCode: try row.decode(column: "support_group_code", as: String?.self),
            segmentCode: try row.decode(column: "segment_code", as: String?.self),
            customerName: try row.decode(column: "customer_name", as: String?.self),
            customerEmail: try row.decode(column: "customer_email", as: String?.self),
            agent: try row.decode(column: "agent", as: String?.self),
            rating: try row.decode(column: "rating", as: Int.self),
            factors: factors,
            comment: try row.decode(column: "comment", as: String?.self),
            receivedAt: Instant.date(try row.decode(column: "received_at", as: Int64.self)))
        return SurveyResponse(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            submission: submission,
            problems: problems,
            validSince: try row.decode(column: "valid_since", as: Int64?.self).map(Instant.date),
            replaces: try row.decode(column: "replaces_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            reassignments: [],
            notes: NoteSummary(
                count: try row.decode(column: "note_count", as: Int.self),
                spokenCount: try row.decode(column: "spoken_count", as: Int.self),
                latestAt: try row.decode(column: "latest_note_at", as: Int64?.self).map(Instant.date)),
            alertedAt: try row.decode(column: "alerted_at", as: Int64?.self).map(Instant.date))
    }
}

extension SurveyResponseRepository {
    /// A reassignment as the audit list shows it, with the ticket it moved.
    public struct ReassignmentRecord: Sendable {
        public let ticketId: String?
        public let reassignment: Reassignment
    }

    /// The latest reassignments of the instance, newest first.
    public func recentReassignments(limit: Int = 100) async throws -> [ReassignmentRecord] {
        try await sql.raw(
            """
            SELECT a.from_code, a.to_code, a.by_whom, a.at, r.ticket_id FROM reassignments a
            JOIN survey_responses r ON r.instance_id = a.instance_id AND r.id = a.response_id
            WHERE a.instance_id = \(bind: scope.key) ORDER BY a.at DESC, a.id DESC LIMIT \(literal: limit)
            """
        ).all().map { row in
            ReassignmentRecord(
                ticketId: try row.decode(column: "ticket_id", as: String?.self),
                reassignment: Reassignment(
                    from: try row.decode(column: "from_code", as: String?.self),
                    to: try row.decode(column: "to_code", as: String.self),
                    by: try row.decode(column: "by_whom", as: String.self),
                    at: Instant.date(try row.decode(column: "at", as: Int64.self))))
        }
    }
}
