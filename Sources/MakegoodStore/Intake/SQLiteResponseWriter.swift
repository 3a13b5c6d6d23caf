import Foundation
import MakegoodDomain

/// Writes a bulk import's responses into SQLite, a transaction a batch, through statements prepared once
/// (SQLiteResponseInserter).
final class SQLiteResponseWriter: @unchecked Sendable {  // used by one task at a time: ResponseCSVImport awaits each write
    private let connection: SQLiteBulkConnection
    private let instance: String
    private let now: Int64
    private var ids: TimeOrderedIDs
    private let inserter: SQLiteResponseInserter
    private let groupCodes: SQLiteBulkConnection.Statement
    private let segmentCodes: SQLiteBulkConnection.Statement

    init(path: String, instanceID: UUID, now: Date) throws {
        connection = try SQLiteBulkConnection(path: path)
        // The indexes' last pages and the ticket index stay in memory for the whole import.
        for pragma in SQLitePragmas.writer(cacheKiB: 131_072) { try connection.execute(pragma) }
        instance = instanceID.storageKey
        self.now = Instant.milliseconds(now)
        ids = TimeOrderedIDs(startingAt: now)
        inserter = try SQLiteResponseInserter(connection: connection)
        groupCodes = try connection.prepare("SELECT code FROM support_groups WHERE instance_id = ?1")
        segmentCodes = try connection.prepare("SELECT code FROM segments WHERE instance_id = ?1")
    }

    /// The value of an integer setting of the import's connection, for the tests that check it.
    func pragma(_ name: String) throws -> Int64? {
        try connection.pragma(name)
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
            let problems = known.problems(
                ticketId: submission.ticketId, group: submission.supportGroupCode, segment: submission.segmentCode)
            let response = SQLiteResponseInserter.Row(
                id: ids.next().storageKey, instance: instance, submission: submission, factors: row.factors, problems: problems)
            do {
                if try inserter.store(response, now: now) != nil { written.replaced += 1 }
            } catch {
                throw SQLiteBulkConnection.Failure(description: "the row on line \(row.line) could not be stored: \(error)")
            }
            written.imported += 1
            if !problems.isEmpty { written.invalid += 1 }
        }
        return written
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
