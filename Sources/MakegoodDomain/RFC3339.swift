public import Foundation

/// Reads and writes instants as RFC 3339 text, with or without fractional seconds.
public enum RFC3339 {
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        return try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
