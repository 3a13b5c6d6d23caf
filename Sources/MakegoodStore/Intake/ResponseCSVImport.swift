public import Foundation
import MakegoodDomain

/// Bulk import of survey responses from CSV: a header row naming the API's fields, one response a row.
/// Rows are checked like the API checks them; bad rows are reported by line and the good ones kept.
///
/// The file is read a megabyte at a time, and each batch is written while the next is read and checked
/// (ResponseBatchWriter), so memory stays flat and both cores work (docs/scaling.md, "Bulk import").
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
        /// The factors as the database keeps them (a JSON array).
        let factors: String
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
            reading: { chunks.next() }, bytesTotal: text.utf8.count, instanceID: instanceID, store: store, now: now,
            batchSize: batchSize, progress: progress)
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
            reading: { try file.read(upToCount: 1 << 20).map { Array($0) } }, bytesTotal: size, instanceID: instanceID,
            store: store, now: now, batchSize: batchSize, progress: progress)
    }

    private static func run(
        reading nextChunk: () throws -> [UInt8]?, bytesTotal: Int, instanceID: UUID, store: Store, now: Date, batchSize: Int,
        progress: @Sendable (Progress) -> Void
    ) async throws -> Summary {
        let writer = try await makeResponseBatchWriter(store: store, instanceID: instanceID, now: now)
        do {
            let summary = try await run(
                reading: nextChunk, bytesTotal: bytesTotal, writer: writer, now: now, batchSize: batchSize, progress: progress)
            await writer.close()
            return summary
        } catch {
            await writer.close()
            throw error
        }
    }

    private static func run(
        reading nextChunk: () throws -> [UInt8]?, bytesTotal: Int, writer: any ResponseBatchWriter, now: Date, batchSize: Int,
        progress: @Sendable (Progress) -> Void
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
            writing = Task { try await writer.write(rows) }
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
