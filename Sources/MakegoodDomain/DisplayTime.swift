public import Foundation

/// How pages show an instant: in the instance's local time, the same way whatever the server's locale.
public enum DisplayTime {
    /// "Mon 16 Nov 2026, 10:00".
    public static func format(_ instant: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE d MMM yyyy, HH:mm"
        return formatter.string(from: instant)
    }
}
