public import Foundation
public import SQLKit

/// Portal login attempts, counted per key (a login, a client address) to slow down password guessing. An attempt is
/// counted *before* its password is checked (`reserve`), in a transaction that holds each key's lock, so a burst of
/// parallel guesses can't all be checked before the first failure is counted; a successful login gives its
/// reservation back (`release`).
public struct LoginAttemptRepository: Sendable {
    let sql: any SQLDatabase
    let kind: Database.Kind

    /// One counter and how many attempts it allows since the window began.
    public struct Limit: Sendable, Equatable {
        public let key: String
        public let attempts: Int

        public init(key: String, attempts: Int) {
            self.key = key
            self.attempts = attempts
        }
    }

    /// What `reserve` decided.
    public enum Reservation: Sendable, Equatable {
        /// The attempt is counted against every key; `ids` give it back after a successful login.
        case reserved(ids: [String])
        /// `key` has used its attempts; the oldest of them leaves the window at `oldest` + window.
        case refused(key: String, oldest: Date)
    }

    /// Counts one attempt against every limit, unless one of them has already had its attempts since `since`. Call it in
    /// a write transaction (`Store.write`): on PostgreSQL each key's advisory lock is held to the end of it, and SQLite
    /// has a single writer, so two attempts on one key never both see room for one more.
    public func reserve(_ limits: [Limit], since: Date, now: Date) async throws -> Reservation {
        let limits = limits.sorted { $0.key < $1.key }  // one order for every transaction, so two never wait on each other
        if kind == .postgres {
            for limit in limits {
                try await sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: "login|" + limit.key), 0))").run()
            }
        }
        for limit in limits {
            guard try await count(key: limit.key, since: since) < limit.attempts else {
                return .refused(key: limit.key, oldest: try await oldest(key: limit.key, since: since) ?? now)
            }
        }
        var ids: [String] = []
        for limit in limits {
            let id = UUID().uuidString.lowercased()
            try await sql.raw(
                "INSERT INTO login_failures (id, login_key, at) VALUES (\(bind: id), \(bind: limit.key), \(bind: Instant.milliseconds(now)))"
            ).run()
            ids.append(id)
        }
        return .reserved(ids: ids)
    }

    /// Gives back the attempts `reserve` counted, for a password that was not checked after all.
    public func release(ids: [String]) async throws {
        for id in ids {
            try await sql.raw("DELETE FROM login_failures WHERE id = \(bind: id)").run()
        }
    }

    /// Gives back the attempts of a login that succeeded, forgets the earlier failures of `key` (the login), and sweeps
    /// everything older than `before`.
    public func release(ids: [String], clearing key: String, before: Date) async throws {
        try await release(ids: ids)
        try await sql.raw(
            "DELETE FROM login_failures WHERE login_key = \(bind: key) OR at < \(bind: Instant.milliseconds(before))"
        ).run()
    }

    /// How many attempts `key` had since `since`.
    public func count(key: String, since: Date) async throws -> Int {
        try await sql.raw(
            "SELECT COUNT(*) AS n FROM login_failures WHERE login_key = \(bind: key) AND at >= \(bind: Instant.milliseconds(since))"
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The oldest attempt of `key` since `since`, which decides when the next one is allowed.
    func oldest(key: String, since: Date) async throws -> Date? {
        try await sql.raw(
            "SELECT MIN(at) AS at FROM login_failures WHERE login_key = \(bind: key) AND at >= \(bind: Instant.milliseconds(since))"
        ).first()?.decode(column: "at", as: Int64?.self).map(Instant.date)
    }
}
