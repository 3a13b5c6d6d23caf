public import Foundation
public import MakegoodDomain

/// Stores the survey responses the API receives, many requests' responses to a transaction (group commit, see
/// `Batcher`): while one batch is written, the next gathers. Each request still gets its answer only once its
/// response is committed, with the response as it was stored.
public struct SurveyIntake: Sendable {
    private let batcher: Batcher<ResponseWriteItem, Result<ResponseReceipt, any Error>>

    public init(store: Store, now: @escaping @Sendable () -> Date) {
        batcher = Batcher { items in await Self.writeBatch(items, store: store, now: now()) }
    }

    /// Writes a batch in one transaction (`Store.storeResponses`); if that fails, each item alone, so whatever failed
    /// fails one request, not every request that came in beside it. Nothing is written twice: a batch that failed
    /// was rolled back.
    static func writeBatch(_ items: [ResponseWriteItem], store: Store, now: Date) async -> [Result<ResponseReceipt, any Error>] {
        do {
            return try await store.storeResponses(items, now: now)
        } catch where items.count > 1 {
            var results: [Result<ResponseReceipt, any Error>] = []
            for item in items {
                results.append(await Result { try await store.storeResponses([item], now: now)[0].get() })
            }
            return results
        } catch {
            return [.failure(error)]
        }
    }

    /// Stores a submission to an instance; throws `InstanceGone` when there is no such instance.
    public func store(_ submission: SurveySubmission, instance: UUID) async throws -> ResponseReceipt {
        try await batcher.submit(ResponseWriteItem(instance: instance, submission: submission)).get()
    }
}
