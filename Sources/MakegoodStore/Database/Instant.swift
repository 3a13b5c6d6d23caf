public import Foundation

/// Instants are stored as whole milliseconds since 1970 UTC, the same on SQLite and PostgreSQL.
public enum Instant {
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    public static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
