public import Foundation
import MakegoodDomain

/// Bulk import of survey responses from CSV: a header row naming the API's fields, one response a row.
/// Rows are checked like the API checks them; bad rows are reported by line and the good ones kept.
///
/// The file is read a megabyte at a time, and each batch is written while the next is read and checked
/// (the store's ResponseWriter), so memory stays flat and both cores work (docs/scaling.md, "Bulk import").
public enum ResponseCSVImport {
    /// A row that was not imported, and why.
    public struct RowError: Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    /// What an import did.
    public struct Summary: Sendable {
        public var rows = 0
        public var imported = 0
        public var replaced = 0
        /// Imported, but stored as invalid (unknown or missing codes), to be fixed later.
        public var invalid = 0
        public var rejected: [RowError] = []
    }

    /// How far an import has got.
    public struct Progress: Sendable {
        public let rows: Int
        public let bytesRead: Int
        public let bytesTotal: Int
    }

    /// A checked row, ready to store.
    struct Row: Sendable {
        let line: Int
        let submission: SurveySubmission
    }

    /// What writing a batch did.
    struct Written: Sendable {
        var imported = 0
        var replaced = 0
        var invalid = 0
    }

    /// Imports a CSV text into an instance, `batchSize` rows per transaction.
    public static func run(
        csv text: String, instanceID: UUID, store: Store, now: Date, batchSize: Int = 20_000,
        progress: @Sendable (Progress) -> Void = { _ in }
    ) async throws -> Summary {
        var chunks = [Array(text.utf8)].makeIterator()
        return try await run(
            reading: { chunks.next() }, bytesTotal: text.utf8.count, writer: store.responseWriter, instanceID: instanceID,
            now: now, batchSize: batchSize, progress: progress)
    }

    /// Imports a CSV file into an instance, `batchSize` rows per transaction.
    public static func run(
        file path: String, instanceID: UUID, store: Store, now: Date, batchSize: Int = 20_000,
        progress: @Sendable (Progress) -> Void = { _ in }
    ) async throws -> Summary {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw DomainError(field: nil, "can't open \(path); check the path and that you may read it")
        }
        defer { try? file.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return try await run(
            reading: { try file.read(upToCount: 1 << 20).map { Array($0) } }, bytesTotal: size,
            writer: store.responseWriter, instanceID: instanceID, now: now, batchSize: batchSize, progress: progress)
    }

    /// Writes a batch through the store's one `ResponseWriter`; a row the database refuses is named by its line.
    private static func write(_ rows: [Row], writer: any ResponseWriter, instanceID: UUID, now: Date) async throws -> Written {
        let items = rows.map { ResponseWriteItem(instance: instanceID, submission: $0.submission) }
        let results: [Result<WrittenResponse, any Error>]
        do {
            results = try await writer.write(items, now: now)
        } catch let failed as ResponseWriteFailed {
            throw DomainError(field: nil, "the row on line \(rows[failed.index].line) could not be stored: \(failed.reason)")
        }
        var written = Written()
        for result in results {
            let response = try result.get()
            written.imported += 1
            if response.replaced != nil { written.replaced += 1 }
            if !response.problems.isEmpty { written.invalid += 1 }
        }
        return written
    }

    private static func run(
        reading nextChunk: () throws -> [UInt8]?, bytesTotal: Int, writer: any ResponseWriter, instanceID: UUID, now: Date,
        batchSize: Int, progress: @Sendable (Progress) -> Void
    ) async throws -> Summary {
        var reader = CSVRecordReader()
        var columns: ImportColumns?
        var summary = Summary()
        var batch: [Row] = []
        var bytesRead = 0
        var writing: Task<Written, any Error>?

        func finishWriting() async throws {
            guard let written = try await writing?.value else { return }
            writing = nil
            summary.imported += written.imported
            summary.replaced += written.replaced
            summary.invalid += written.invalid
            progress(Progress(rows: summary.imported + summary.rejected.count, bytesRead: bytesRead, bytesTotal: bytesTotal))
        }
        // Each batch is written while the next one is read; the previous write is awaited before the next starts.
        func startWriting() async throws {
            try await finishWriting()
            guard !batch.isEmpty else { return }
            let rows = batch
            batch = []
            batch.reserveCapacity(batchSize)
            writing = Task { try await write(rows, writer: writer, instanceID: instanceID, now: now) }
        }

        var ended = false
        while !ended {
            if let chunk = try nextChunk() {
                bytesRead += chunk.count
                reader.append(chunk)
            } else {
                reader.finish()
                ended = true
            }
            while true {
                let record: CSVRecordReader.Record
                do {
                    guard let next = try reader.next() else { break }
                    record = next
                } catch {
                    guard columns != nil else { throw DomainError(field: nil, "the file is not valid CSV: \(error.reason)") }
                    summary.rows += 1
                    summary.rejected.append(RowError(line: error.line, message: error.reason))
                    break
                }
                guard let header = columns else {
                    columns = try ImportColumns(header: record.fields)
                    continue
                }
                // A blank line is not a response.
                if record.fields.allSatisfy({ $0.map { PlainText.trimmed($0).isEmpty } ?? false }) { continue }
                summary.rows += 1
                do {
                    batch.append(try header.row(from: record, now: now))
                } catch {
                    summary.rejected.append(RowError(line: record.line, message: "\(error)"))
                }
                if batch.count >= batchSize { try await startWriting() }
            }
        }
        guard columns != nil else { throw DomainError(field: nil, "the file is empty; its first line must name the columns") }
        try await startWriting()
        try await finishWriting()
        return summary
    }
}
