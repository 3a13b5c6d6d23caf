public import Foundation
public import SQLKit

/// Key/value rows with an expiry, for portal sessions. Keys are session ids, which are bearer secrets, so only
/// their SHA-256 is stored: a copy of the database opens no session.
public struct WebSessionRepository: Sendable {
    let sql: any SQLDatabase

    /// Stores `value` under `key`, replacing what was there; `expires` nil keeps an existing expiry.
    public func set(key: String, value: String, expires: Date?, now: Date) async throws {
        let hash = Secrets.fingerprint(key)
        let expiresAt = expires.map(Instant.milliseconds)
        try await sql.raw(
            """
            INSERT INTO web_sessions (key_hash, value, expires_at) VALUES (\(bind: hash), \(bind: value), \(bind: expiresAt))
            ON CONFLICT (key_hash) DO UPDATE SET value = excluded.value,
                expires_at = COALESCE(excluded.expires_at, web_sessions.expires_at)
            """
        ).run()
        // Expired sessions are swept as new ones are written, so the table stays the size of the live ones.
        try await sql.raw("DELETE FROM web_sessions WHERE expires_at < \(bind: Instant.milliseconds(now))").run()
    }

    /// Stores `value` only when `key` is new; false when it already exists.
    public func create(key: String, value: String, expires: Date?, now: Date) async throws -> Bool {
        if try await get(key: key, now: now) != nil { return false }
        try await set(key: key, value: value, expires: expires, now: now)
        return true
    }

    /// The live value under `key` and when it expires.
    public func get(key: String, now: Date) async throws -> (value: String, expires: Date?)? {
        guard
            let row = try await sql.raw(
                "SELECT value, expires_at FROM web_sessions WHERE key_hash = \(bind: Secrets.fingerprint(key))"
            ).first()
        else { return nil }
        let expires = try row.decode(column: "expires_at", as: Int64?.self).map(Instant.date)
        if let expires, expires <= now { return nil }
        return (try row.decode(column: "value", as: String.self), expires)
    }

    public func remove(key: String) async throws {
        try await sql.raw("DELETE FROM web_sessions WHERE key_hash = \(bind: Secrets.fingerprint(key))").run()
    }
}
