import Foundation
import MakegoodDomain

/// `ResponseWriter` on SQLite: a batch is one job on a thread, on a connection of its own with statements prepared
/// once, instead of a handful of statements each built, prepared and run after a hop to a thread. The Database owns
/// it and lends it out by `whileWritingSQLite`, which keeps it apart from the database's own writer; its connection
/// opens at the first write.
///
/// Store-or-replace: each response is first inserted as a new thread with `INSERT OR IGNORE`; the unique index on an
/// instance's current ticket ids ignores it when its ticket already has a current response, in the database or
/// earlier in the same transaction. Only then is that response looked up, superseded and its thread taken over. So a
/// new ticket costs one statement, and the index is searched once for it.
final class SQLiteResponseWriter: @unchecked Sendable {  // one job at a time: Database.whileWritingSQLite
    /// The writer a Database lends out, as a `ResponseWriter`.
    struct Lent: ResponseWriter {
        let database: Database

        func write(_ items: [ResponseWriteItem], now: Date) async throws -> [Result<WrittenResponse, any Error>] {
            guard let written = try await database.whileWritingSQLite({ try $0.write(items, now: now) }) else {
                preconditionFailure("a SQLite writer for a database that is not SQLite")
            }
            return written
        }
    }

    private let path: String
    private let synchronous: SQLitePragmas.Synchronous
    private var statements: Statements?

    init(path: String, synchronous: SQLitePragmas.Synchronous) {
        self.path = path
        self.synchronous = synchronous
    }

    /// Writes the items in order in one transaction (see `ResponseWriter.write`).
    func write(_ items: [ResponseWriteItem], now: Date) throws -> [Result<WrittenResponse, any Error>] {
        let s = try open()
        try s.connection.execute("BEGIN IMMEDIATE")
        do {
            let results = try write(items, now: now, with: s)
            try s.connection.execute("COMMIT")
            return results
        } catch {
            // A connection that can't roll back may still be in its transaction: the next write opens a new one.
            if (try? s.connection.execute("ROLLBACK")) == nil { close() }
            throw error
        }
    }

    /// Closes the connection, if it is open.
    func close() {
        statements = nil
    }

    /// The value of an integer setting of the connection (opening it), for the tests that check it.
    func pragma(_ name: String) throws -> Int64? {
        try open().connection.pragma(name)
    }

    private func write(_ items: [ResponseWriteItem], now: Date, with s: Statements) throws -> [Result<WrittenResponse, any Error>] {
        let milliseconds = Instant.milliseconds(now)
        var ids = TimeOrderedIDs(startingAt: now)
        var thresholds: [UUID: Int?] = [:]
        // Looked up once a batch: an instance's key as stored, and which of its codes exist (a million-row import
        // asks for the same few).
        var keys: [UUID: String] = [:]
        var known: [CodeKey: Bool] = [:]
        func exists(_ statement: SQLiteBulkConnection.Statement, _ kind: Character, _ instance: String, _ code: String) throws -> Bool {
            let key = CodeKey(kind: kind, instance: instance, code: code)
            if let found = known[key] { return found }
            defer { statement.reset() }
            try statement.bind(1, instance)
            try statement.bind(2, code)
            let found = try statement.step()
            known[key] = found
            return found
        }
        return try items.enumerated().map { index, item in
            if thresholds[item.instance] == nil { thresholds[item.instance] = try s.threshold(of: item.instance) }
            guard let threshold = thresholds[item.instance] ?? nil else { return .failure(InstanceGone()) }
            let instance = keys[item.instance] ?? item.instance.storageKey
            keys[item.instance] = instance
            let submission = item.submission
            let knownGroup = try submission.supportGroupCode.map { try exists(s.groupExists, "g", instance, $0) } ?? false
            let knownSegment = try submission.segmentCode.map { try exists(s.segmentExists, "s", instance, $0) } ?? false
            let problems = ResponseValidity.problems(
                ticketId: submission.ticketId, supportGroupCode: submission.supportGroupCode, segmentCode: submission.segmentCode,
                isKnownGroup: { _ in knownGroup }, isKnownSegment: { _ in knownSegment })
            let id = ids.next()
            let replaced: String?
            do {
                replaced = try s.store(
                    Row(id: id.storageKey, instance: instance, submission: submission, problems: problems), now: milliseconds)
            } catch {
                throw ResponseWriteFailed(index: index, reason: error)
            }
            return .success(WrittenResponse(
                id: id, submission: submission, problems: problems, replaced: replaced.flatMap(UUID.init(uuidString:)),
                threshold: threshold, now: milliseconds))
        }
    }

    private func open() throws -> Statements {
        if let statements { return statements }
        let connection = try SQLiteBulkConnection(path: path)
        for pragma in SQLitePragmas.statements(for: .responseWriter, synchronous: synchronous) { try connection.execute(pragma) }
        let opened = try Statements(connection: connection)
        statements = opened
        return opened
    }

    private struct CodeKey: Hashable {
        let kind: Character
        let instance: String
        let code: String
    }

    /// One response to store.
    private struct Row {
        let id: String
        let instance: String
        let submission: SurveySubmission
        let problems: [ResponseProblem]
    }

    /// The connection and its prepared statements.
    private struct Statements {
        let connection: SQLiteBulkConnection
        let insert: SQLiteBulkConnection.Statement
        let insertNew: SQLiteBulkConnection.Statement
        let findCurrent: SQLiteBulkConnection.Statement
        let supersede: SQLiteBulkConnection.Statement
        let takeOverNoteTimes: SQLiteBulkConnection.Statement
        let moveCase: SQLiteBulkConnection.Statement
        let thresholdOf: SQLiteBulkConnection.Statement
        let groupExists: SQLiteBulkConnection.Statement
        let segmentExists: SQLiteBulkConnection.Statement

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
            // The thread's recovery case, if an alert opened one, follows the survey that replaces its response.
            moveCase = try connection.prepare(
                """
                UPDATE recovery_cases SET response_id = ?2, support_group_code = (SELECT support_group_code FROM survey_responses
                    WHERE instance_id = ?1 AND id = ?2)
                WHERE instance_id = ?1 AND thread_id = ?3
                """)
            thresholdOf = try connection.prepare("SELECT threshold FROM instances WHERE id = ?1")
            groupExists = try connection.prepare("SELECT 1 FROM support_groups WHERE instance_id = ?1 AND code = ?2")
            segmentExists = try connection.prepare("SELECT 1 FROM segments WHERE instance_id = ?1 AND code = ?2")
        }

        /// The instance's threshold, nil when there is no such instance.
        func threshold(of instance: UUID) throws(SQLiteBulkConnection.Failure) -> Int? {
            defer { thresholdOf.reset() }
            try thresholdOf.bind(1, instance.storageKey)
            guard try thresholdOf.step() else { return nil }
            return thresholdOf.integer(0).map(Int.init)
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
            let unstorable = SQLiteBulkConnection.Failure(description: TurnedAway().description)
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
            defer { moveCase.reset() }
            try moveCase.bind(1, row.instance)
            try moveCase.bind(2, row.id)
            try moveCase.bind(3, thread)
            _ = try moveCase.step()
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
            try statement.bind(10, SurveyResponseRepository.encode(factors: s.factors))
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
}
