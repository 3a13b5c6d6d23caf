import Foundation
import MakegoodDomain
import Testing

/// Who is reminded and what escalates: once a day from the alert time, after the due instant, across DST and
/// weekends; escalation to the Department's lead or the admins, once.
@Suite struct CaseChaseTests {
    static let lead = UUID(uuidString: "00000000-0000-0000-0000-00000000000a")!
    static let other = UUID(uuidString: "00000000-0000-0000-0000-00000000000b")!
    static let departmentLead = UUID(uuidString: "00000000-0000-0000-0000-00000000000d")!

    static let department = SupportGroup.restored(code: "DEPT", name: "Support", department: nil, lead: departmentLead, alsoAlerts: [])
    static let team = SupportGroup.restored(
        code: "TEAM", name: "Team", department: "DEPT", lead: lead, alsoAlerts: [AlsoAlert(contact: other, access: .dashboard)])
    static let loneTeam = SupportGroup.restored(code: "LONE", name: "Lone", department: nil, lead: lead, alsoAlerts: [])
    static let groups = ["DEPT": department, "TEAM": team, "LONE": loneTeam]

    static func instant(_ text: String) -> Date { RFC3339.parse(text)! }

    /// A case alerted at `alerted` (24-hour target), of `group`.
    static func candidate(
        _ number: Int, alerted: String, group: SupportGroup = team, state: CaseState = .open, owner: UUID? = nil, escalated: Bool = false
    ) -> CaseChase.Candidate {
        let alertedAt = instant(alerted)
        let recovery = RecoveryCase(
            id: UUID(uuidString: "00000000-0000-0000-0001-\(String(format: "%012d", number))")!, responseID: UUID(), assignedOwner: owner,
            state: state, resolution: nil, alertedAt: alertedAt, dueAt: CaseDeadlines.due(alertedAt: alertedAt, targetHours: 24),
            contactedAt: state == .open ? nil : alertedAt, closedAt: nil, escalatedAt: escalated ? alertedAt : nil)
        return CaseChase.Candidate(recovery, group: group)
    }

    static func preferences(zone: String = "Europe/Paris", weekendAlerts: Bool = true, remind: Bool = true, escalate: Int? = nil)
        -> Preferences
    {
        try! Preferences(timezone: TimeZone(identifier: zone)!, weekendAlerts: weekendAlerts, remindOverdue: remind, escalateAfterHours: escalate)
    }

    static func caseID(_ number: Int) -> UUID { candidate(number, alerted: "2026-01-01T00:00:00Z").recovery.id }

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let candidates: [CaseChase.Candidate]
        let preferences: Preferences
        let now: String
        var reminded: Set<UUID> = []
        let reminders: [CaseChase.Reminder]
        let escalations: [CaseChase.Escalation]
        var testDescription: String { name }
    }

    static let table: [Row] = [
        Row(
            name: "due overnight waits for the day's alert time (09:00)",
            candidates: [candidate(1, alerted: "2026-11-16T03:00:00+01:00")], preferences: preferences(), now: "2026-11-17T08:59:00+01:00",
            reminders: [], escalations: []),
        Row(
            name: "one reminder per owner lists every overdue case, most overdue first",
            candidates: [
                candidate(2, alerted: "2026-11-16T09:00:00+01:00"), candidate(1, alerted: "2026-11-16T08:00:00+01:00"),
                candidate(3, alerted: "2026-11-17T09:00:00+01:00"),
            ],
            preferences: preferences(), now: "2026-11-17T09:30:00+01:00",
            reminders: [CaseChase.Reminder(owner: lead, cases: [caseID(1), caseID(2)], sms: true)], escalations: []),
        Row(
            name: "an owner reminded today is not reminded again",
            candidates: [candidate(1, alerted: "2026-11-16T09:00:00+01:00")], preferences: preferences(), now: "2026-11-17T15:00:00+01:00",
            reminded: [lead], reminders: [], escalations: []),
        Row(
            name: "a contacted case chases nobody",
            candidates: [candidate(1, alerted: "2026-11-10T09:00:00+01:00", state: .contacted)], preferences: preferences(),
            now: "2026-11-17T15:00:00+01:00", reminders: [], escalations: []),
        Row(
            name: "remindOverdue off: no reminder, escalation still",
            candidates: [candidate(1, alerted: "2026-11-15T09:00:00+01:00")], preferences: preferences(remind: false),
            now: "2026-11-17T09:00:00+01:00", reminders: [],
            escalations: [CaseChase.Escalation(to: .departmentLead(departmentLead), cases: [caseID(1)])]),
        Row(
            name: "a case given to another contact reminds them",
            candidates: [candidate(1, alerted: "2026-11-16T09:00:00+01:00", owner: other)], preferences: preferences(),
            now: "2026-11-17T10:00:00+01:00", reminders: [CaseChase.Reminder(owner: other, cases: [caseID(1)], sms: true)], escalations: []),
        Row(
            name: "Saturday with Weekend Alerts off: email only",
            candidates: [candidate(1, alerted: "2026-11-20T09:00:00+01:00")], preferences: preferences(weekendAlerts: false),
            now: "2026-11-21T09:30:00+01:00", reminders: [CaseChase.Reminder(owner: lead, cases: [caseID(1)], sms: false)], escalations: []),
        Row(
            name: "Saturday with Weekend Alerts on: email and text",
            candidates: [candidate(1, alerted: "2026-11-20T09:00:00+01:00")], preferences: preferences(),
            now: "2026-11-21T09:30:00+01:00", reminders: [CaseChase.Reminder(owner: lead, cases: [caseID(1)], sms: true)], escalations: []),
        Row(
            name: "spring forward: due at 10:00 local, not overdue at 09:30",
            candidates: [candidate(1, alerted: "2026-03-28T09:00:00+01:00")], preferences: preferences(), now: "2026-03-29T09:30:00+02:00",
            reminders: [], escalations: []),
        Row(
            name: "spring forward: overdue just after 10:00 local",
            candidates: [candidate(1, alerted: "2026-03-28T09:00:00+01:00")], preferences: preferences(), now: "2026-03-29T10:01:00+02:00",
            reminders: [CaseChase.Reminder(owner: lead, cases: [caseID(1)], sms: true)], escalations: []),
        Row(
            name: "escalation one second early does not go",
            candidates: [candidate(1, alerted: "2026-11-15T09:00:00+01:00")], preferences: preferences(), now: "2026-11-17T08:59:59+01:00",
            reminded: [lead], reminders: [], escalations: []),
        Row(
            name: "escalation at due + targetHours goes to the Department's lead, before the alert time",
            candidates: [candidate(1, alerted: "2026-11-15T03:00:00+01:00")], preferences: preferences(), now: "2026-11-17T03:00:00+01:00",
            reminders: [], escalations: [CaseChase.Escalation(to: .departmentLead(departmentLead), cases: [caseID(1)])]),
        Row(
            name: "escalateAfterHours 6 escalates sooner; without a Department it goes to the admins",
            candidates: [candidate(1, alerted: "2026-11-16T09:00:00+01:00", group: loneTeam)], preferences: preferences(escalate: 6),
            now: "2026-11-17T15:00:00+01:00", reminded: [lead], reminders: [],
            escalations: [CaseChase.Escalation(to: .admins, cases: [caseID(1)])]),
        Row(
            name: "the Department's lead owning the case escalates to the admins",
            candidates: [candidate(1, alerted: "2026-11-15T09:00:00+01:00", owner: nil, escalated: false)].map {
                CaseChase.Candidate($0.recovery, group: SupportGroup.restored(code: "TEAM", name: "Team", department: "DEPT", lead: departmentLead, alsoAlerts: []))
            },
            preferences: preferences(), now: "2026-11-17T09:00:00+01:00", reminded: [departmentLead], reminders: [],
            escalations: [CaseChase.Escalation(to: .admins, cases: [caseID(1)])]),
        Row(
            name: "a case escalates once",
            candidates: [candidate(1, alerted: "2026-11-10T09:00:00+01:00", escalated: true)], preferences: preferences(),
            now: "2026-11-17T09:00:00+01:00", reminded: [lead], reminders: [], escalations: []),
    ]

    @Test("who is chased", arguments: table)
    func chase(row: Row) {
        let plan = CaseChase.plan(
            row.candidates, groups: Self.groups, preferences: row.preferences, now: Self.instant(row.now), reminded: row.reminded)
        #expect(plan.reminders == row.reminders)
        #expect(plan.escalations == row.escalations)
    }

    @Test("the reminder's day is the local day, across midnight in Sydney")
    func localDay() {
        let plan = CaseChase.plan(
            [], groups: [:], preferences: Self.preferences(zone: "Australia/Sydney"), now: Self.instant("2026-11-16T14:00:00Z"), reminded: [])
        #expect(plan.day == LocalDate("2026-11-17"))
        #expect(plan.isEmpty)
    }
}
