import Foundation
import MakegoodDomain

/// Stores survey responses in SQLite one at a time, with the rules of `SurveyResponseRepository.store`, through
/// statements prepared once on a `SQLiteBulkConnection`. The bulk import and the API's intake share it.
///
/// Each response is first inserted as a new thread with `INSERT OR IGNORE`; the unique index on an instance's current
/// ticket ids ignores it when its ticket already has a current response, in the database or earlier in the same
/// transaction. Only then is that response looked up, superseded and its thread taken over, as one request at a time
/// would. So a new ticket costs one statement, and the index is searched once for it.
final class SQLiteResponseInserter {
    /// One response to store.
    struct Row {
        let id: String
        let instance: String
        let submission: SurveySubmission
        /// The factors as the database keeps them (a JSON array).
        let factors: String
        let problems: [ResponseProblem]
    }

    private let connection: SQLiteBulkConnection
    private let insert: SQLiteBulkConnection.Statement
    private let insertNew: SQLiteBulkConnection.Statement
    private let findCurrent: SQLiteBulkConnection.Statement
    private let supersede: SQLiteBulkConnection.Statement
    private let takeOverNoteTimes: SQLiteBulkConnection.Statement

    init(connection: SQLiteBulkConnection) throws(SQLiteBulkConnection.Failure) {
        self.connection = connection
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
    }

    /// Stores a response, in the caller's transaction; returns the id of the response it replaced, nil for a new one.
    func store(_ row: Row, now: Int64) throws(SQLiteBulkConnection.Failure) -> String? {
        defer { insertNew.reset() }
        try bind(insertNew, row, now: now, thread: row.id, replaces: nil)
        _ = try insertNew.step()
        guard connection.changes == 0 else { return nil }
        return try replaceCurrent(with: row, now: now)
    }

    /// The row's ticket has a current response: it supersedes it and takes over its notes.
    private func replaceCurrent(with row: Row, now: Int64) throws(SQLiteBulkConnection.Failure) -> String {
        let unstorable = SQLiteBulkConnection.Failure(
            description: "a response was refused that is neither new nor has a current response for its ticket id")
        guard let ticket = row.submission.ticketId else { throw unstorable }
        defer { findCurrent.reset() }
        try findCurrent.bind(1, row.instance)
        try findCurrent.bind(2, ticket)
        guard try findCurrent.step(), let previous = findCurrent.text(0), let thread = findCurrent.text(1) else { throw unstorable }
        defer { supersede.reset() }
        try supersede.bind(1, row.instance)
        try supersede.bind(2, previous)
        try supersede.bind(3, row.id)
        try supersede.bind(4, now)
        _ = try supersede.step()
        defer { insert.reset() }
        try bind(insert, row, now: now, thread: thread, replaces: previous)
        _ = try insert.step()
        defer { takeOverNoteTimes.reset() }
        try takeOverNoteTimes.bind(1, row.instance)
        try takeOverNoteTimes.bind(2, row.id)
        _ = try takeOverNoteTimes.step()
        return previous
    }

    private func bind(
        _ statement: SQLiteBulkConnection.Statement, _ row: Row, now: Int64, thread: String, replaces: String?
    ) throws(SQLiteBulkConnection.Failure) {
        let s = row.submission
        let valid = row.problems.isEmpty
        try statement.bind(1, row.id)
        try statement.bind(2, row.instance)
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
        try statement.bind(15, SurveyResponseRepository.encode(row.problems))
        try statement.bind(16, valid ? now : nil)
        try statement.bind(17, thread)
        try statement.bind(18, replaces)
    }
}
