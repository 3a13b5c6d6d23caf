import Foundation
import MakegoodDomain
import NIOPosix

/// Where a bulk import's batches go: each `write` stores its rows in order, in one transaction.
protocol ResponseBatchWriter: Sendable {
    func write(_ rows: [ResponseCSVImport.Row]) async throws -> ResponseCSVImport.Written
    func close() async
}

/// Opens the writer a store's database is best written through: SQLite's prepared-statement writer on a thread of
/// its own, or the repository's batched `store` (PostgreSQL).
func makeResponseBatchWriter(store: Store, instanceID: UUID, now: Date) async throws -> any ResponseBatchWriter {
    switch store.database.url {
    case .sqlite(let path):
        return try await SQLiteThreadWriter.open(path: path, instanceID: instanceID, now: now)
    case .postgres:
        return RepositoryBatchWriter(store: store, instanceID: instanceID, now: now)
    }
}

/// Batches through `SurveyResponseRepository.store`, which writes a few multi-row statements a batch.
private struct RepositoryBatchWriter: ResponseBatchWriter {
    let store: Store
    let instanceID: UUID
    let now: Date

    func write(_ rows: [ResponseCSVImport.Row]) async throws -> ResponseCSVImport.Written {
        let submissions = rows.map(\.submission)
        let (instanceID, now) = (instanceID, now)
        let stored = try await store.write { try await $0.scoped(to: instanceID).responses.store(submissions, now: now) }
        return ResponseCSVImport.Written(
            imported: stored.count, replaced: stored.count { $0.replaced != nil }, invalid: stored.count { !$0.problems.isEmpty })
    }

    func close() async {}
}

/// SQLiteResponseWriter on a thread of its own, so the rows after a batch are read while the batch is written.
private struct SQLiteThreadWriter: ResponseBatchWriter {
    let writer: SQLiteResponseWriter
    let thread: NIOThreadPool

    static func open(path: String, instanceID: UUID, now: Date) async throws -> SQLiteThreadWriter {
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        do {
            let writer = try await thread.runIfActive { try SQLiteResponseWriter(path: path, instanceID: instanceID, now: now) }
            return SQLiteThreadWriter(writer: writer, thread: thread)
        } catch {
            try? await thread.shutdownGracefully()
            throw error
        }
    }

    func write(_ rows: [ResponseCSVImport.Row]) async throws -> ResponseCSVImport.Written {
        let writer = writer
        return try await thread.runIfActive { try writer.write(rows) }
    }

    func close() async {
        try? await thread.shutdownGracefully()
    }
}
