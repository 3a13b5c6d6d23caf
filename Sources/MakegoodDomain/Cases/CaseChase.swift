public import Foundation

/// Who is chased about cases nobody called, at an instant (issue 21): owners are reminded of their overdue cases
/// once a local day, and a case still nobody spoke to `escalationHours` after its due instant escalates once.
/// Pure: the store says what was already sent, the scheduler passes its clock.
public enum CaseChase {
    /// An unclosed case with the group its response is in now.
    public struct Candidate: Sendable {
        public let recovery: RecoveryCase
        public let group: SupportGroup?

        public init(_ recovery: RecoveryCase, group: SupportGroup?) {
            self.recovery = recovery
            self.group = group
        }
    }

    /// One owner's reminder: every overdue case they own, most overdue first.
    public struct Reminder: Equatable, Sendable {
        public let owner: UUID
        public let cases: [UUID]
        /// Whether a text goes with the email: Weekend Alerts off keeps Saturday's and Sunday's reminders to email.
        public let sms: Bool

        public init(owner: UUID, cases: [UUID], sms: Bool) {
            self.owner = owner
            self.cases = cases
            self.sms = sms
        }
    }

    /// Who hears of an escalated case.
    public enum Escalatee: Hashable, Sendable {
        /// The Support Lead of the case's group's Department.
        case departmentLead(UUID)
        /// The instance's admins: the group has no Department, or its lead is the one who did not call.
        case admins
    }

    /// One recipient's escalation: every case of this instant that escalates to them, most overdue first.
    public struct Escalation: Equatable, Sendable {
        public let to: Escalatee
        public let cases: [UUID]

        public init(to: Escalatee, cases: [UUID]) {
            self.to = to
            self.cases = cases
        }
    }

    public struct Plan: Equatable, Sendable {
        /// The local day the reminders are for: each owner gets at most one reminder a day.
        public let day: LocalDate
        public let reminders: [Reminder]
        public let escalations: [Escalation]

        public var isEmpty: Bool { reminders.isEmpty && escalations.isEmpty }
    }

    /// What is due at `now`. Reminders wait for the day's alert time, so a case due overnight is chased with the
    /// working day's alert rather than at 03:00; `reminded` is the owners already reminded on that local day.
    /// Escalation goes at its instant: it tells a manager, by email only.
    public static func plan(
        _ candidates: [Candidate], groups: [String: SupportGroup], preferences: Preferences, now: Date, reminded: Set<UUID>
    ) -> Plan {
        let calendar = AlertCalendar(preferences)
        let day = calendar.day(of: now)
        let overdue = candidates.filter { $0.recovery.isOverdue(at: now) }.sorted {
            ($0.recovery.dueAt, $0.recovery.id.uuidString) < ($1.recovery.dueAt, $1.recovery.id.uuidString)
        }

        var reminders: [Reminder] = []
        if preferences.remindOverdue, now >= calendar.alertInstant(on: day) {
            let sms = preferences.weekendAlerts || !calendar.isWeekend(day)
            var byOwner: [UUID: [UUID]] = [:]
            var owners: [UUID] = []
            for candidate in overdue {
                guard let owner = candidate.recovery.owner(in: candidate.group), !reminded.contains(owner) else { continue }
                if byOwner[owner] == nil { owners.append(owner) }
                byOwner[owner, default: []].append(candidate.recovery.id)
            }
            reminders = owners.map { Reminder(owner: $0, cases: byOwner[$0]!, sms: sms) }
        }

        var byEscalatee: [Escalatee: [UUID]] = [:]
        var escalatees: [Escalatee] = []
        for candidate in overdue where candidate.recovery.escalatedAt == nil {
            let escalatesAt = CaseDeadlines.escalation(dueAt: candidate.recovery.dueAt, escalateAfterHours: preferences.escalationHours)
            guard now >= escalatesAt else { continue }
            let to = escalatee(of: candidate, groups: groups)
            if byEscalatee[to] == nil { escalatees.append(to) }
            byEscalatee[to, default: []].append(candidate.recovery.id)
        }
        let escalations = escalatees.map { Escalation(to: $0, cases: byEscalatee[$0]!) }
        return Plan(day: day, reminders: reminders, escalations: escalations)
    }

    /// The Department's lead, unless there is no Department or its lead owns the case: then the admins.
    static func escalatee(of candidate: Candidate, groups: [String: SupportGroup]) -> Escalatee {
        guard let code = candidate.group?.department, let department = groups[code],
            department.lead != candidate.recovery.owner(in: candidate.group)
        else { return .admins }
        return .departmentLead(department.lead)
    }
}
