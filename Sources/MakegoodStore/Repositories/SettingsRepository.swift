public import SQLKit

/// Server-wide settings, such as the generated signing secret.
public struct SettingsRepository: Sendable {
    let sql: any SQLDatabase

    /// The value of a setting.
    public func get(_ key: String) async throws -> String? {
        try await sql.raw("SELECT value FROM settings WHERE key = \(bind: key)").first()?.decode(column: "value", as: String.self)
    }

    /// Stores `value` unless the key already has one; returns the value in force (first writer wins).
    public func setIfAbsent(_ key: String, to value: String) async throws -> String {
        try await sql.raw("INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value)) ON CONFLICT (key) DO NOTHING").run()
        return try await get(key) ?? value
    }
}
