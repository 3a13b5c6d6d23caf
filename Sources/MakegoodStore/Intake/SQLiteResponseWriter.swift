import Foundation
import MakegoodDomain

/// Writes a bulk import's responses into SQLite with the rules of `SurveyResponseRepository.store`, a transaction a
/// batch, through statements prepared once (SQLiteBulkConnection).
///
/// Each row is first inserted as a new thread with `INSERT OR IGNORE`; the unique index on an instance's current
/// ticket ids ignores it when its ticket already has a current response, in the database or earlier in the file.
/// Only then is that response looked up, superseded and its thread taken over, as one request at a time would. So a
/// file of new tickets costs one statement a row, and the index is searched once for each.
final class SQLiteResponseWriter: @unchecked Sendable {  // used by one task at a time: ResponseCSVImport awaits each write
    private let connection: SQLiteBulkConnection
    private let instance: String
    private let now: Int64
    private var ids: TimeOrderedIDs
    private let insert: SQLiteBulkConnection.Statement
    private let insertNew: SQLiteBulkConnection.Statement
    private let findCurrent: SQLiteBulkConnection.Statement
    private let supersede: SQLiteBulkConnection.Statement
    private let takeOverNoteTimes: SQLiteBulkConnection.Statement
    private let groupCodes: SQLiteBulkConnection.Statement
    private let segmentCodes: SQLiteBulkConnection.Statement

    init(path: String, instanceID: UUID, now: Date) throws {
        connection = try SQLiteBulkConnection(path: path)
        try connection.execute("PRAGMA busy_timeout = 10000")
        try connection.execute("PRAGMA foreign_keys = ON")
        try connection.execute("PRAGMA synchronous = NORMAL")
        // The indexes' last pages and the ticket index stay in memory for the whole import.
        try connection.execute("PRAGMA cache_size = -131072")
        instance = instanceID.storageKey
        self.now = Instant.milliseconds(now)
        ids = TimeOrderedIDs(startingAt: now)
        let columns = """
            (id, instance_id, ticket_id, support_group_code, segment_code, customer_name, customer_email, agent, rating,
             factors, comment, received_at, created_at, status, problems, valid_since, note_thread_id, replaces_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
            """
        insertNew = try connection.prepare("INSERT OR IGNORE INTO survey_responses " + columns)
        insert = try connection.prepare("INSERT INTO survey_responses " + columns)
        findCurrent = try connection.prepare(
            "SELECT id, note_thread_id FROM survey_responses WHERE instance_id = ?1 AND ticket_id = ?2 AND superseded_by IS NULL")
        supersede = try connection.prepare(
            "UPDATE survey_responses SET superseded_by = ?3, superseded_at = ?4 WHERE +instance_id = ?1 AND id = ?2")
        takeOverNoteTimes = try connection.prepare(
            "UPDATE survey_responses SET \(Migration.firstNoteTimesFromNotes) WHERE +instance_id = ?1 AND id = ?2")
        groupCodes = try connection.prepare("SELECT code FROM support_groups WHERE instance_id = ?1")
        segmentCodes = try connection.prepare("SELECT code FROM segments WHERE instance_id = ?1")
    }

    /// Writes the rows in order, in one transaction.
    func write(_ rows: [ResponseCSVImport.Row]) throws -> ResponseCSVImport.Written {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let written = try writeRows(rows)
            try connection.execute("COMMIT")
            return written
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    private func writeRows(_ rows: [ResponseCSVImport.Row]) throws -> ResponseCSVImport.Written {
        let known = KnownCodes(groups: try codes(groupCodes), segments: try codes(segmentCodes))
        var written = ResponseCSVImport.Written()
        for row in rows {
            let submission = row.submission
            let id = ids.next().storageKey
            let problems = known.problems(
                ticketId: submission.ticketId, group: submission.supportGroupCode, segment: submission.segmentCode)
            defer { insertNew.reset() }
            try bind(insertNew, row, id: id, problems: problems, thread: id, replaces: nil)
            _ = try insertNew.step()
            if connection.changes == 0 {
                try replaceCurrent(with: row, id: id, problems: problems)
                written.replaced += 1
            }
            written.imported += 1
            if !problems.isEmpty { written.invalid += 1 }
        }
        return written
    }

    /// The row's ticket has a current response: it supersedes it and takes over its notes.
    private func replaceCurrent(with row: ResponseCSVImport.Row, id: String, problems: [ResponseProblem]) throws {
        guard let ticket = row.submission.ticketId else {
            throw SQLiteBulkConnection.Failure(description: "the row on line \(row.line) could not be stored")
        }
        defer { findCurrent.reset() }
        try findCurrent.bind(1, instance)
        try findCurrent.bind(2, ticket)
        guard try findCurrent.step(), let previous = findCurrent.text(0), let thread = findCurrent.text(1) else {
            throw SQLiteBulkConnection.Failure(description: "the row on line \(row.line) could not be stored")
        }
        defer { supersede.reset() }
        try supersede.bind(1, instance)
        try supersede.bind(2, previous)
        try supersede.bind(3, id)
        try supersede.bind(4, now)
        _ = try supersede.step()
        defer { insert.reset() }
        try bind(insert, row, id: id, problems: problems, thread: thread, replaces: previous)
        _ = try insert.step()
        defer { takeOverNoteTimes.reset() }
        try takeOverNoteTimes.bind(1, instance)
        try takeOverNoteTimes.bind(2, id)
        _ = try takeOverNoteTimes.step()
    }

    private func bind(
        _ statement: SQLiteBulkConnection.Statement, _ row: ResponseCSVImport.Row, id: String, problems: [ResponseProblem],
        thread: String, replaces: String?
    ) throws {
        let s = row.submission
        let valid = problems.isEmpty
        try statement.bind(1, id)
        try statement.bind(2, instance)
        try statement.bind(3, s.ticketId)
        try statement.bind(4, s.supportGroupCode)
        try statement.bind(5, s.segmentCode)
        try statement.bind(6, s.customerName)
        try statement.bind(7, s.customerEmail)
        try statement.bind(8, s.agent)
        try statement.bind(9, Int64(s.rating.value))
        try statement.bind(10, row.factors)
        try statement.bind(11, s.comment)
        try statement.bind(12, Instant.milliseconds(s.receivedAt))
        try statement.bind(13, now)
        try statement.bind(14, valid ? "valid" : "invalid")
        try statement.bind(15, SurveyResponseRepository.encode(problems))
        try statement.bind(16, valid ? now : nil)
        try statement.bind(17, thread)
        try statement.bind(18, replaces)
    }

    private func codes(_ statement: SQLiteBulkConnection.Statement) throws -> Set<String> {
        defer { statement.reset() }
        try statement.bind(1, instance)
        var codes: Set<String> = []
        while try statement.step() {
            if let code = statement.text(0) { codes.insert(code) }
        }
        return codes
    }
}
