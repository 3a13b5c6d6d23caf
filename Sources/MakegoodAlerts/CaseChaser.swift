public import Foundation
public import MakegoodDomain
public import MakegoodStore

/// Chases the cases nobody called (issue 21), from the clock the scheduler is given: queues each owner's daily
/// reminder and each escalation in the transaction that claims it, so it goes out once, through the outbox.
public enum CaseChaser {
    /// What a pass queued.
    public struct Summary: Sendable, Codable, Equatable {
        public let cpc: String
        /// Owners reminded, and the texts that went with their emails.
        public let reminders: Int
        public let reminderTexts: Int
        /// Cases escalated, and the emails that told of them.
        public let escalatedCases: Int
        public let escalationEmails: Int
    }

    /// Queues what is due at `now`; nil when nothing was.
    public static func sendDue(instance: Instance, store: Store, links: AlertRun.Links, now: Date) async throws -> Summary? {
        // Most ticks have nothing to chase: a read finds that out without taking SQLite's writer.
        let due = try await store.read { session in
            try await plan(instance: instance, scope: session.scoped(to: instance.id), now: now)
        }
        guard due != nil else { return nil }
        return try await store.write { session in
            let scope = session.scoped(to: instance.id)
            guard let (plan, candidates, groups) = try await plan(instance: instance, scope: scope, now: now) else { return nil }
            return try await queue(plan, candidates: candidates, groups: groups, instance: instance, scope: scope, links: links, now: now)
        }
    }

    private static func plan(instance: Instance, scope: InstanceScope, now: Date) async throws
        -> (CaseChase.Plan, [UUID: CaseChase.Candidate], [String: SupportGroup])?
    {
        let overdue = try await scope.cases.overdue(at: now)
        guard !overdue.isEmpty else { return nil }
        let groups = Dictionary(try await scope.supportGroups.list().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let candidates = overdue.map { CaseChase.Candidate($0.case, group: $0.group.flatMap { groups[$0] }) }
        let day = AlertCalendar(instance.preferences).day(of: now)
        let plan = CaseChase.plan(
            candidates, groups: groups, preferences: instance.preferences, now: now, reminded: try await scope.cases.reminded(on: day))
        guard !plan.isEmpty else { return nil }
        return (plan, Dictionary(uniqueKeysWithValues: candidates.map { ($0.recovery.id, $0) }), groups)
    }

    private static func queue(
        _ plan: CaseChase.Plan, candidates: [UUID: CaseChase.Candidate], groups: [String: SupportGroup], instance: Instance,
        scope: InstanceScope, links: AlertRun.Links, now: Date
    ) async throws -> Summary {
        let contacts = Dictionary(try await scope.contacts.list().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let responseIDs = candidates.values.map(\.recovery.responseID)
        let responses = Dictionary(try await scope.responses.find(responseIDs).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let messages = CaseChaseMessages(instance: instance, links: links, now: now)
        func lines(_ ids: [UUID]) -> [CaseChaseMessages.Line] {
            ids.compactMap { id in
                guard let candidate = candidates[id], let response = responses[candidate.recovery.responseID] else { return nil }
                let group = candidate.group
                let owner = candidate.recovery.owner(in: group).flatMap { contacts[$0]?.name } ?? "—"
                return CaseChaseMessages.Line(
                    recovery: candidate.recovery, response: response,
                    groupName: group?.name ?? response.submission.supportGroupCode ?? "—", ownerName: owner)
            }
        }

        var outgoing: [DeliveryRepository.Message] = []
        var reminders = 0
        var texts = 0
        for reminder in plan.reminders {
            guard let owner = contacts[reminder.owner] else { continue }
            let ownerLines = lines(reminder.cases)
            guard !ownerLines.isEmpty,
                try await scope.cases.claimReminder(owner: owner.id, day: plan.day, cases: ownerLines.count, at: now)
            else { continue }
            outgoing.append(messages.reminder(to: owner, lines: ownerLines))
            reminders += 1
            if reminder.sms, !owner.mobile.isEmpty {
                outgoing.append(messages.reminderSMS(to: owner, lines: ownerLines))
                texts += 1
            }
        }

        var escalated = 0
        var escalationEmails = 0
        let admins = try await scope.users.list().filter { $0.role == .admin && $0.disabledAt == nil }
        for escalation in plan.escalations {
            let contact: Contact? =
                if case .departmentLead(let id) = escalation.to { contacts[id] } else { nil }
            let claimed = try await scope.cases.claimEscalation(escalation.cases, to: contact?.id, at: now)
            let caseLines = lines(claimed)
            guard !caseLines.isEmpty else { continue }
            escalated += caseLines.count
            if let contact {
                outgoing.append(messages.escalation(recipientID: contact.id, name: contact.name, email: contact.email, contact: contact, lines: caseLines))
                escalationEmails += 1
            } else {
                for admin in admins {
                    let name = admin.contact.flatMap { contacts[$0]?.name } ?? admin.email
                    outgoing.append(messages.escalation(recipientID: admin.id, name: name, email: admin.email, contact: nil, lines: caseLines))
                    escalationEmails += 1
                }
            }
        }
        try await scope.deliveries.queue(outgoing, run: nil, now: now)
        return Summary(
            cpc: instance.cpc, reminders: reminders, reminderTexts: texts, escalatedCases: escalated, escalationEmails: escalationEmails)
    }
}
