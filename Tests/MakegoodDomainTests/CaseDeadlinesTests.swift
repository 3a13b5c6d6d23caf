import Foundation
import MakegoodDomain
import Testing

/// Due and escalation instants in elapsed hours across DST and weekends, how overdue reads, and the queue's order.
@Suite struct CaseDeadlinesTests {
    let sydney = TimeZone(identifier: "Australia/Sydney")!
    let paris = TimeZone(identifier: "Europe/Paris")!

    func instant(_ text: String) -> Date { RFC3339.parse(text)! }

    struct Row: Sendable, CustomTestStringConvertible {
        let zone: String
        let alert: String
        let targetHours: Int
        let escalateAfterHours: Int
        let due: String
        let escalation: String
        var testDescription: String { "\(zone) \(alert) + \(targetHours) h" }
    }

    static let table: [Row] = [
        // An ordinary day: 09:00 + 24 h is 09:00 the next day.
        Row(zone: "Europe/Paris", alert: "2026-11-16T09:00:00+01:00", targetHours: 24, escalateAfterHours: 24,
            due: "2026-11-17T09:00:00+01:00", escalation: "2026-11-18T09:00:00+01:00"),
        // Spring forward in Paris (29 March 2026): 24 real hours end at 10:00 local.
        Row(zone: "Europe/Paris", alert: "2026-03-28T09:00:00+01:00", targetHours: 24, escalateAfterHours: 24,
            due: "2026-03-29T10:00:00+02:00", escalation: "2026-03-30T10:00:00+02:00"),
        // Fall back in Sydney (5 April 2026): 24 real hours end at 08:00 local.
        Row(zone: "Australia/Sydney", alert: "2026-04-04T09:00:00+11:00", targetHours: 24, escalateAfterHours: 12,
            due: "2026-04-05T08:00:00+10:00", escalation: "2026-04-05T20:00:00+10:00"),
        // A Friday alert: the target runs through the weekend, hours are hours.
        Row(zone: "Europe/Paris", alert: "2026-11-20T09:00:00+01:00", targetHours: 48, escalateAfterHours: 48,
            due: "2026-11-22T09:00:00+01:00", escalation: "2026-11-24T09:00:00+01:00"),
    ]

    @Test("due and escalation", arguments: table)
    func deadlines(row: Row) {
        let due = CaseDeadlines.due(alertedAt: instant(row.alert), targetHours: row.targetHours)
        #expect(due == instant(row.due))
        #expect(CaseDeadlines.escalation(dueAt: due, escalateAfterHours: row.escalateAfterHours) == instant(row.escalation))
    }

    /// Minutes after the due instant, and how the dialog says it.
    static let overdueTexts: [(Int, String)] = [
        (-180, "due in 3 h"), (359, "overdue by 5 h"), (30, "overdue by 30 min"),
        (3_000, "overdue by 2 d 2 h"), (4_320, "overdue by 3 d"), (-2_820, "due in 47 h"),
    ]

    @Test("how overdue reads", arguments: overdueTexts)
    func describe(minutes: Int, text: String) {
        let due = instant("2026-11-16T09:00:00Z")
        #expect(CaseDeadlines.describe(dueAt: due, now: due.addingTimeInterval(TimeInterval(minutes * 60))) == text)
    }

    @Test("the local week starts on Monday at midnight, across a DST change", arguments: CaseDeadlinesTests.weeks)
    func weekStart(now: String, start: String) {
        #expect(CaseQueue.weekStart(containing: instant(now), in: paris) == instant(start))
    }

    static let weeks: [(String, String)] = [
        ("2026-11-18T15:00:00+01:00", "2026-11-16T00:00:00+01:00"),  // a Wednesday
        ("2026-11-16T00:00:00+01:00", "2026-11-16T00:00:00+01:00"),  // Monday's first instant
        ("2026-11-22T23:59:00+01:00", "2026-11-16T00:00:00+01:00"),  // Sunday night
        ("2026-03-29T12:00:00+02:00", "2026-03-23T00:00:00+01:00"),  // the spring-forward Sunday
    ]

    @Test("the queue: overdue first, then by due")
    func order() {
        let now = instant("2026-11-18T09:00:00Z")
        func item(_ name: String, due: String, state: CaseState) -> (String, RecoveryCase) {
            let dueAt = instant(due)
            return (name, RecoveryCase(
                id: UUID(), responseID: UUID(), assignedOwner: nil, state: state, resolution: nil,
                alertedAt: dueAt.addingTimeInterval(-86_400), dueAt: dueAt, contactedAt: state == .contacted ? dueAt : nil, closedAt: nil))
        }
        let items = [
            item("later", due: "2026-11-19T09:00:00Z", state: .open),
            item("contacted-late", due: "2026-11-16T09:00:00Z", state: .contacted),
            item("overdue-recent", due: "2026-11-17T09:00:00Z", state: .open),
            item("overdue-oldest", due: "2026-11-15T09:00:00Z", state: .open),
            item("soon", due: "2026-11-18T10:00:00Z", state: .open),
        ]
        let ordered = CaseQueue.ordered(items, at: now) { $0.1 }.map(\.0)
        #expect(ordered == ["overdue-oldest", "overdue-recent", "contacted-late", "soon", "later"])
    }
}
