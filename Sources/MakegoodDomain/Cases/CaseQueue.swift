public import Foundation

/// The order of a queue of cases and its counts (My queue): overdue first, then by due, oldest first.
public enum CaseQueue {
    /// `cases` in queue order: the overdue ones first, then the rest, each by due instant (ties by id, so the order
    /// is the same on every load).
    public static func ordered<Item>(_ items: [Item], at now: Date, case: (Item) -> RecoveryCase) -> [Item] {
        items.sorted { a, b in
            let (x, y) = (`case`(a), `case`(b))
            let (xOver, yOver) = (x.isOverdue(at: now), y.isOverdue(at: now))
            if xOver != yOver { return xOver }
            if x.dueAt != y.dueAt { return x.dueAt < y.dueAt }
            return x.id.uuidString < y.id.uuidString
        }
    }

    /// The start of the local week (Monday 00:00) that holds `now`: "closed this week" counts from it.
    public static func weekStart(containing now: Date, in zone: TimeZone) -> Date {
        var day = LocalDate(containing: now, in: zone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // Gregorian weekday: 1 = Sunday … 7 = Saturday; back to Monday.
        let weekday = calendar.component(.weekday, from: day.startOfDay(in: zone))
        day = day.adding(days: -((weekday + 5) % 7))
        return day.startOfDay(in: zone)
    }

    /// What the queue's header counts.
    public struct Counts: Equatable, Sendable {
        public var open: Int
        public var overdue: Int
        public var closedThisWeek: Int

        public init(open: Int, overdue: Int, closedThisWeek: Int) {
            self.open = open
            self.overdue = overdue
            self.closedThisWeek = closedThisWeek
        }
    }
}
