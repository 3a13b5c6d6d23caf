import Foundation
import MakegoodDomain
import SQLKit

/// `ResponseWriter` on PostgreSQL: a batch is one transaction, each instance's submissions a few multi-row
/// statements whatever their number.
///
/// Store-or-replace: every response first goes in as a new ticket; the index of current ticket ids turns away one
/// whose ticket already has a current response, in the database or earlier in the batch. Only those are then matched
/// with the response they replace: no lookup for a new ticket, and no query plan that depends on the table's
/// statistics (PostgreSQL has none for a table filled since its last `ANALYZE`).
struct PostgresResponseWriter: ResponseWriter {
    let store: Store

    func write(_ items: [ResponseWriteItem], now: Date) async throws -> [Result<WrittenResponse, any Error>] {
        try await store.write { session in
            var results = [Result<WrittenResponse, any Error>?](repeating: nil, count: items.count)
            // By instance, in order within each: a later response for a ticket replaces an earlier one.
            var order: [UUID] = []
            var indices: [UUID: [Int]] = [:]
            for (index, item) in items.enumerated() {
                if indices[item.instance] == nil { order.append(item.instance) }
                indices[item.instance, default: []].append(index)
            }
            for instance in order {
                let mine = indices[instance]!
                guard let threshold = try await session.instances.find(id: instance)?.preferences.threshold else {
                    for index in mine { results[index] = .failure(InstanceGone()) }
                    continue
                }
                let batch = Batch(scope: session.scoped(to: instance))
                let written = try await batch.store(mine.map { items[$0].submission }, threshold: threshold, now: now)
                for (index, response) in zip(mine, written) { results[index] = .success(response) }
            }
            return results.map { $0! }
        }
    }
}

/// One instance's submissions of a batch, in the caller's transaction.
private struct Batch {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    func store(_ submissions: [SurveySubmission], threshold: Int, now: Date) async throws -> [WrittenResponse] {
        let known = try await KnownCodes.load(
            groups: submissions.compactMap(\.supportGroupCode), segments: submissions.compactMap(\.segmentCode), in: scope)
        var ids = TimeOrderedIDs(startingAt: now)
        var rows = submissions.map { submission in
            let id = ids.next().storageKey
            return Row(id: id, submission: submission, thread: id, replaces: nil,
                       problems: known.problems(ticketId: submission.ticketId, group: submission.supportGroupCode, segment: submission.segmentCode))
        }
        let nowMilliseconds = Instant.milliseconds(now)
        var inserted: Set<String> = []
        for chunk in Self.chunks(rows.indices, of: 200) {
            let values = chunk.map { rows[$0].values(instance: scope.key, now: nowMilliseconds) }
            let returned = try await sql.raw(Row.insert + values.joined(separator: ", ") + " ON CONFLICT DO NOTHING RETURNING id").all()
            for row in returned { inserted.insert(try row.decode(column: "id", as: String.self)) }
        }
        // The ones turned away, in waves: each wave holds the next response of each of their tickets, and replaces
        // the current one, which the wave before may have written.
        var waiting = rows.indices.filter { !inserted.contains(rows[$0].id) }
        while !waiting.isEmpty {
            var wave: [Int] = []
            var later: [Int] = []
            var tickets: Set<String> = []
            for index in waiting {
                guard let ticket = rows[index].submission.ticketId else { throw TurnedAway() }
                if tickets.insert(ticket).inserted { wave.append(index) } else { later.append(index) }
            }
            let current = try await currentTickets(tickets)
            for index in wave {
                guard let previous = current[rows[index].submission.ticketId!] else { throw TurnedAway() }
                rows[index].replaces = previous.id
                rows[index].thread = previous.thread
                try await sql.raw(
                    """
                    UPDATE survey_responses SET superseded_by = \(bind: rows[index].id), superseded_at = \(bind: nowMilliseconds)
                    WHERE instance_id = \(bind: scope.key) AND id = \(bind: previous.id)
                    """
                ).run()
                // The thread's recovery case, if an alert opened one, follows the survey that replaces its response.
                try await sql.raw(
                    """
                    UPDATE recovery_cases SET response_id = \(bind: rows[index].id),
                        support_group_code = \(bind: rows[index].submission.supportGroupCode)
                    WHERE instance_id = \(bind: scope.key) AND thread_id = \(bind: previous.thread)
                    """
                ).run()
            }
            for chunk in Self.chunks(wave, of: 200) {
                let values = chunk.map { rows[$0].values(instance: scope.key, now: nowMilliseconds) }
                try await sql.raw(Row.insert + values.joined(separator: ", ")).run()
            }
            waiting = later
        }
        // A response that took over a thread takes over its first note times too (migration 7).
        let takenOver = rows.filter { $0.thread != $0.id }.map(\.id)
        for chunk in Self.chunks(takenOver.indices, of: 500) {
            let ids = chunk.map { takenOver[$0] }
            try await sql.raw(
                "UPDATE survey_responses SET \(unsafeRaw: Migration.firstNoteTimesFromNotes) WHERE \(scope.rows(withIDs: ids))"
            ).run()
        }
        return rows.map { row in
            WrittenResponse(
                id: UUID(uuidString: row.id)!, submission: row.submission, problems: row.problems,
                replaced: row.replaces.flatMap(UUID.init(uuidString:)), threshold: threshold, now: nowMilliseconds)
        }
    }

    private static func chunks<C: Collection>(_ items: C, of size: Int) -> [[C.Element]] {
        var chunks: [[C.Element]] = []
        var chunk: [C.Element] = []
        for item in items {
            chunk.append(item)
            if chunk.count == size {
                chunks.append(chunk)
                chunk = []
            }
        }
        if !chunk.isEmpty { chunks.append(chunk) }
        return chunks
    }

    private struct Current {
        let id: String
        let thread: String
    }

    private func currentTickets(_ tickets: Set<String>) async throws -> [String: Current] {
        var result: [String: Current] = [:]
        let all = Array(tickets)
        for start in stride(from: 0, to: all.count, by: 500) {
            let chunk = Array(all[start..<min(start + 500, all.count)])
            let rows = try await sql.raw(
                """
                SELECT id, ticket_id, note_thread_id FROM survey_responses
                WHERE instance_id = \(bind: scope.key) AND superseded_by IS NULL AND ticket_id IN (\(binds: chunk))
                """
            ).all()
            for row in rows {
                result[try row.decode(column: "ticket_id", as: String.self)] = Current(
                    id: try row.decode(column: "id", as: String.self),
                    thread: try row.decode(column: "note_thread_id", as: String.self))
            }
        }
        return result
    }

    private struct Row {
        let id: String
        let submission: SurveySubmission
        var thread: String
        var replaces: String?
        let problems: [ResponseProblem]

        static let insert: SQLQueryString = """
            INSERT INTO survey_responses (id, instance_id, ticket_id, support_group_code, segment_code, customer_name,
                customer_email, agent, rating, factors, comment, received_at, created_at, status, problems, valid_since,
                note_thread_id, replaces_id)
            VALUES\u{20}
            """

        func values(instance: String, now: Int64) -> SQLQueryString {
            let s = submission
            let factors = SurveyResponseRepository.encode(factors: s.factors)
            let valid = problems.isEmpty
            return """
                (\(bind: id), \(bind: instance), \(bind: s.ticketId), \(bind: s.supportGroupCode), \(bind: s.segmentCode),
                \(bind: s.customerName), \(bind: s.customerEmail), \(bind: s.agent), \(bind: s.rating.value), \(bind: factors),
                \(bind: s.comment), \(bind: Instant.milliseconds(s.receivedAt)), \(bind: now), \(bind: valid ? "valid" : "invalid"),
                \(bind: SurveyResponseRepository.encode(problems)), \(bind: valid ? now : nil), \(bind: thread), \(bind: replaces))
                """
        }
    }
}
