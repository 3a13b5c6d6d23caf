public import Foundation
public import MakegoodDomain

/// Stores the survey responses the API receives, many requests' responses to a transaction (group commit, see
/// `Batcher`): while one batch is written, the next gathers. Each request still gets its answer only once its
/// response is committed, and reads back exactly what was stored.
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
        // On SQLite a batch is one job on a connection of the intake's own; on PostgreSQL, a transaction of the pool.
        let sqlite = store.database.kind == .sqlite ? SQLiteIntakeWriter() : nil
        batcher = Batcher { items in
            let at = now()
            do {
                return try await Self.write(items, store: store, sqlite: sqlite, now: at)
            } catch where items.count > 1 {
                // Whatever failed, it fails one request, not every request that came in beside it.
                var results: [Result<Receipt, any Error>] = []
                for item in items {
                    results.append(await Result { try await Self.write([item], store: store, sqlite: sqlite, now: at)[0].get() })
                }
                return results
            }
        }
    }

    static func write(_ items: [Item], store: Store, sqlite: SQLiteIntakeWriter?, now: Date) async throws
        -> [Result<Receipt, any Error>]
    {
        guard let sqlite else { return try await store.write { try await Self.write(items, session: $0, now: now) } }
        var results = [Result<Receipt, any Error>?](repeating: nil, count: items.count)
        // A response is read back only after its batch is committed; one whose ticket id comes again later in the
        // batch is read back before that one replaces it (a later round, its own transaction).
        for round in rounds(items) {
            let indices = round.flatMap(\.indices).sorted()
            let receipts = try await write(indices.map { items[$0] }, store: store, sqlite: sqlite, now: now)
            for (index, receipt) in zip(indices, receipts) { results[index] = receipt }
        }
        return results.map { $0! }
    }

    private static func write(_ items: [Item], store: Store, sqlite: SQLiteIntakeWriter, now: Date) async throws
        -> [Result<Receipt, any Error>]
    {
        guard let written = try await store.database.whileWritingSQLite({ try sqlite.write(items, now: now, path: $0) }) else {
            preconditionFailure("the SQLite intake writes only to SQLite")
        }
        // A response that took over another's notes is read back once its batch is committed.
        var readBack: [UUID: [UUID]] = [:]
        for (item, result) in zip(items, written) {
            if case .success(let w) = result, w.stored.new == nil { readBack[item.instance, default: []].append(w.stored.id) }
        }
        var found: [UUID: SurveyResponse] = [:]
        for (instance, ids) in readBack {
            for response in try await store.read({ try await $0.scoped(to: instance).responses.find(ids) }) {
                found[response.id] = response
            }
        }
        return written.map { result in
            result.flatMap { w in
                guard let response = w.stored.new ?? found[w.stored.id] else {
                    return .failure(NotFound("survey response \(w.stored.id.storageKey)"))
                }
                return .success(Receipt(response: response, replaced: w.stored.replaced, threshold: w.threshold))
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
