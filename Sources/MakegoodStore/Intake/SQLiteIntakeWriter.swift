import Foundation
import MakegoodDomain

/// The API's intake on SQLite: a batch of submissions is one job on a thread, on a connection of its own with
/// statements prepared once (SQLiteResponseInserter), instead of a handful of statements each built, prepared and
/// run after a hop to a thread. The Database owns it and lends it out by `whileWritingSQLite`, which keeps it apart
/// from the database's own writer. Its connection opens at the first write.
final class SQLiteIntakeWriter: @unchecked Sendable {  // one job at a time: Database.whileWritingSQLite
    /// What storing one item did, before any response that replaced another is read back.
    struct Written {
        let stored: SurveyResponseRepository.Stored
        let threshold: Int
    }

    private struct Statements {
        let connection: SQLiteBulkConnection
        let inserter: SQLiteResponseInserter
        let threshold: SQLiteBulkConnection.Statement
        let groupExists: SQLiteBulkConnection.Statement
        let segmentExists: SQLiteBulkConnection.Statement
    }

    private let path: String
    private var statements: Statements?

    init(path: String) {
        self.path = path
    }

    /// Writes the items in order in one transaction: one result an item, `InstanceGone` for an instance that is not
    /// there; any other failure throws, and nothing of the batch is kept.
    func write(_ items: [SurveyIntake.Item], now: Date) throws -> [Result<Written, any Error>] {
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

    private func write(_ items: [SurveyIntake.Item], now: Date, with s: Statements) throws -> [Result<Written, any Error>] {
        let milliseconds = Instant.milliseconds(now)
        var ids = TimeOrderedIDs(startingAt: now)
        var thresholds: [UUID: Int?] = [:]
        var known: [String: Bool] = [:]
        func exists(_ statement: SQLiteBulkConnection.Statement, _ table: String, _ instance: String, _ code: String) throws -> Bool {
            let key = "\(table) \(instance) \(code)"
            if let found = known[key] { return found }
            defer { statement.reset() }
            try statement.bind(1, instance)
            try statement.bind(2, code)
            let found = try statement.step()
            known[key] = found
            return found
        }
        return try items.map { item in
            if thresholds[item.instance] == nil { thresholds[item.instance] = try threshold(of: item.instance, s) }
            guard let threshold = thresholds[item.instance] ?? nil else { return .failure(SurveyIntake.InstanceGone()) }
            let instance = item.instance.storageKey
            let submission = item.submission
            let knownGroup = try submission.supportGroupCode.map { try exists(s.groupExists, "g", instance, $0) } ?? false
            let knownSegment = try submission.segmentCode.map { try exists(s.segmentExists, "s", instance, $0) } ?? false
            let problems = ResponseValidity.problems(
                ticketId: submission.ticketId, supportGroupCode: submission.supportGroupCode, segmentCode: submission.segmentCode,
                isKnownGroup: { _ in knownGroup }, isKnownSegment: { _ in knownSegment })
            let id = ids.next()
            let row = SQLiteResponseInserter.Row(
                id: id.storageKey, instance: instance, submission: submission,
                factors: SurveyResponseRepository.encode(factors: submission.factors), problems: problems)
            let replaced = try s.inserter.store(row, now: milliseconds)
            return .success(Written(
                stored: .written(id: id, submission: submission, problems: problems, replaced: replaced.flatMap(UUID.init(uuidString:)), now: milliseconds),
                threshold: threshold))
        }
    }

    private func threshold(of instance: UUID, _ s: Statements) throws -> Int? {
        defer { s.threshold.reset() }
        try s.threshold.bind(1, instance.storageKey)
        guard try s.threshold.step() else { return nil }
        return s.threshold.integer(0).map(Int.init)
    }

    /// The value of an integer setting of the intake's connection (opening it), for the tests that check it.
    func pragma(_ name: String) throws -> Int64? {
        try open().connection.pragma(name)
    }

    private func open() throws -> Statements {
        if let statements { return statements }
        let connection = try SQLiteBulkConnection(path: path)
        for pragma in SQLitePragmas.writer() { try connection.execute(pragma) }
        let opened = Statements(
            connection: connection, inserter: try SQLiteResponseInserter(connection: connection),
            threshold: try connection.prepare("SELECT threshold FROM instances WHERE id = ?1"),
            groupExists: try connection.prepare("SELECT 1 FROM support_groups WHERE instance_id = ?1 AND code = ?2"),
            segmentExists: try connection.prepare("SELECT 1 FROM segments WHERE instance_id = ?1 AND code = ?2"))
        statements = opened
        return opened
    }
}
