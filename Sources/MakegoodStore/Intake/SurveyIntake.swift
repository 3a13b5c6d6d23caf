public import Foundation
public import MakegoodDomain

/// Stores the survey responses the API receives, many requests' responses to a transaction (group commit, see
/// `Batcher`): while one batch is written, the next gathers. Each request still gets its answer only once its
/// response is committed, with the response as it was stored.
public struct SurveyIntake: Sendable {
    /// What storing one submission gave.
    public struct Receipt: Sendable {
        public let response: SurveyResponse
        /// The response it replaced, if its ticket id had one.
        public let replaced: UUID?
        /// The instance's NPS threshold, to describe the response.
        public let threshold: Int
    }

    struct Item: Sendable {
        let instance: UUID
        let submission: SurveySubmission
    }

    private let batcher: Batcher<Item, Result<Receipt, any Error>>

    public init(store: Store, now: @escaping @Sendable () -> Date) {
        batcher = Batcher { items in await Self.writeBatch(items, store: store, now: now()) }
    }

    /// Writes a batch in one transaction; if that fails, each item alone, so whatever failed fails one request, not
    /// every request that came in beside it. Nothing is written twice: a batch that failed was rolled back.
    static func writeBatch(_ items: [Item], store: Store, now: Date) async -> [Result<Receipt, any Error>] {
        do {
            return try await write(items, store: store, now: now)
        } catch where items.count > 1 {
            var results: [Result<Receipt, any Error>] = []
            for item in items {
                results.append(await Result { try await write([item], store: store, now: now)[0].get() })
            }
            return results
        } catch {
            return [.failure(error)]
        }
    }

    /// Writes a batch in one transaction: on SQLite as one job on the intake's own connection (SQLiteIntakeWriter),
    /// on PostgreSQL through the repositories. Throws only when the transaction did not commit.
    static func write(_ items: [Item], store: Store, now: Date) async throws -> [Result<Receipt, any Error>] {
        guard let written = try await store.database.whileWritingSQLite({ try $0.write(items, now: now) }) else {
            return try await store.write { try await Self.write(items, session: $0, now: now) }
        }
        // Committed. A response that took over another's notes is read back, superseded or not (its ticket id may
        // have come again later in the batch); one that can't be fails its own request.
        var readBack: [UUID: [UUID]] = [:]
        for (item, result) in zip(items, written) {
            if case .success(let w) = result, w.stored.new == nil { readBack[item.instance, default: []].append(w.stored.id) }
        }
        var found: [UUID: Result<SurveyResponse, any Error>] = [:]
        for (instance, ids) in readBack {
            do {
                let responses = try await store.read { try await $0.scoped(to: instance).responses.find(ids, includingSuperseded: true) }
                for response in responses { found[response.id] = .success(response) }
            } catch {
                for id in ids { found[id] = .failure(error) }
            }
        }
        return written.map { result in
            result.flatMap { w in
                let response = w.stored.new.map { .success($0) } ?? found[w.stored.id] ?? .failure(NotFound("survey response \(w.stored.id.storageKey)"))
                return response.map { Receipt(response: $0, replaced: w.stored.replaced, threshold: w.threshold) }
            }
        }
    }

    /// The instance was deleted since its token was checked.
    public struct InstanceGone: Error {}

    /// Stores a submission to an instance; throws `InstanceGone` when there is no such instance.
    public func store(_ submission: SurveySubmission, instance: UUID) async throws -> Receipt {
        try await batcher.submit(Item(instance: instance, submission: submission)).get()
    }

    /// Writes a batch in order, in the caller's transaction; one result an item.
    static func write(_ items: [Item], session: StoreSession, now: Date) async throws -> [Result<Receipt, any Error>] {
        var results = [Result<Receipt, any Error>?](repeating: nil, count: items.count)
        var thresholds: [UUID: Int?] = [:]
        for round in rounds(items) {
            for (instance, indices) in round {
                if thresholds[instance] == nil {
                    thresholds[instance] = try await session.instances.find(id: instance)?.preferences.threshold
                }
                guard let threshold = thresholds[instance] ?? nil else {
                    for index in indices { results[index] = .failure(InstanceGone()) }
                    continue
                }
                let responses = session.scoped(to: instance).responses
                let stored = try await responses.store(indices.map { items[$0].submission }, now: now)
                // Only a response that took over another's notes needs reading back; the rest are as they were written.
                let readBack = stored.filter { $0.new == nil }.map(\.id)
                let found = readBack.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await responses.find(readBack).map { ($0.id, $0) })
                for (index, written) in zip(indices, stored) {
                    guard let response = written.new ?? found[written.id] else { throw NotFound("survey response \(written.id.storageKey)") }
                    results[index] = .success(Receipt(response: response, replaced: written.replaced, threshold: threshold))
                }
            }
        }
        return results.map { $0! }
    }

    /// The items by instance, in rounds written one after another: a ticket id sent twice in one batch waits for
    /// the next round, so the first is read back before the second replaces it, as if each had come alone.
    static func rounds(_ items: [Item]) -> [[(instance: UUID, indices: [Int])]] {
        var rounds: [[UUID: [Int]]] = []
        var order: [[UUID]] = []
        var tickets: [Set<String>] = []
        for (index, item) in items.enumerated() {
            let ticket = item.submission.ticketId.map { "\(item.instance.storageKey) \($0)" }
            // The first round after every round that already has this ticket id (or the first, for none).
            var round = 0
            if let ticket, let last = tickets.lastIndex(where: { $0.contains(ticket) }) { round = last + 1 }
            if round == rounds.count {
                rounds.append([:])
                order.append([])
                tickets.append([])
            }
            if rounds[round][item.instance] == nil { order[round].append(item.instance) }
            rounds[round][item.instance, default: []].append(index)
            if let ticket { tickets[round].insert(ticket) }
        }
        return zip(rounds, order).map { round, instances in instances.map { ($0, round[$0]!) } }
    }
}
