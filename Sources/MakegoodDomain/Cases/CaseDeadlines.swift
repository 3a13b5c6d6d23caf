public import Foundation

/// When a case is due and when it escalates. Both are counted in elapsed hours from the alert, so a 24-hour target
/// across a DST change ends 24 real hours later (10:00 local after the spring-forward night for a 09:00 alert).
public enum CaseDeadlines {
    /// The alert instant + `targetHours`.
    public static func due(alertedAt: Date, targetHours: Int) -> Date {
        alertedAt.addingTimeInterval(TimeInterval(targetHours) * 3_600)
    }

    /// The due instant + `escalateAfterHours`: when a case still nobody spoke to goes to the Department's lead.
    public static func escalation(dueAt: Date, escalateAfterHours: Int) -> Date {
        dueAt.addingTimeInterval(TimeInterval(escalateAfterHours) * 3_600)
    }

    /// "overdue by 5 h", "due in 3 h", "overdue by 2 d 4 h": whole hours, rounded down, with days past 48 hours.
    public static func describe(dueAt: Date, now: Date) -> String {
        let seconds = now.timeIntervalSince(dueAt)
        let hours = Int(abs(seconds) / 3_600)
        let span: String
        if hours < 1 {
            span = "\(Int(abs(seconds) / 60)) min"
        } else if hours < 48 {
            span = "\(hours) h"
        } else {
            span = hours % 24 == 0 ? "\(hours / 24) d" : "\(hours / 24) d \(hours % 24) h"
        }
        return seconds > 0 ? "overdue by \(span)" : "due in \(span)"
    }
}
