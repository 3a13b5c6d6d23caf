public import Foundation
public import MakegoodDomain
public import MakegoodStore

/// The re-survey (issue 22): `resurveyAfterDays` after a case is closed as recovered, its customer is sent the survey
/// again, from the clock the scheduler is given; the answer is the case's outcome, kept with the re-survey and never
/// a response that replaces the one the case was opened for. Each case is re-surveyed once (a unique key per case is
/// the claim, so two nodes send one), and not at all if reopened before its day.
public enum Resurveyor {
    /// Cases a pass takes at most; the next tick takes the rest.
    static let batch = 200
    /// How late a re-survey may still go: a scheduler stopped for longer skips those days, and turning the re-survey
    /// on surveys the cases recovered in the last week's worth of days, not every case ever recovered.
    static let window: TimeInterval = 7 * 86_400

    /// Queues the re-surveys due at `now`; returns how many were sent (skipped ones are recorded, not counted).
    @discardableResult
    public static func sendDue(instance: Instance, store: Store, links: AlertRun.Links, now: Date) async throws -> Int {
        guard let days = instance.preferences.resurveyAfterDays else { return 0 }
        let through = now.addingTimeInterval(-TimeInterval(days) * 86_400)
        let from = through.addingTimeInterval(-window)
        // Most ticks have none due: a read finds that out without taking SQLite's writer.
        let due = try await store.read { try await $0.scoped(to: instance.id).cases.dueForResurvey(closedFrom: from, through: through, limit: 1) }
        guard !due.isEmpty else { return 0 }
        let inviter = SurveyInviter(store: store, links: links)
        return try await store.write { session in
            let scope = session.scoped(to: instance.id)
            let cases = try await scope.cases.dueForResurvey(closedFrom: from, through: through, limit: batch)
            let responses = Dictionary(
                try await scope.responses.find(cases.map(\.responseID)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var sent = 0
            for recovery in cases {
                let invitation = try await resurvey(
                    recovery, of: responses[recovery.responseID]?.submission, scope: scope, preferences: instance.preferences, now: now)
                try await scope.surveyInvitations.create(invitation)
                guard invitation.skipped == nil else { continue }
                try await inviter.queueEmail(invitation, instance: instance, scope: scope, now: now)
                sent += 1
            }
            return sent
        }
    }

    /// The re-survey of a case, skipped when its address unsubscribed or its response has no ticket or address to
    /// survey (recorded all the same, so the case is not looked at again).
    private static func resurvey(
        _ recovery: RecoveryCase, of s: SurveySubmission?, scope: InstanceScope, preferences: Preferences, now: Date
    ) async throws -> SurveyInvitation {
        let email = s?.customerEmail.flatMap { try? EmailAddress.validate($0, field: "email") }
        let ticket = s?.ticketId
        // In the language the ticket's first survey was asked in, if Makegood sent one.
        var language: String?
        if let ticket { language = try await scope.surveyInvitations.find(ticket: ticket)?.language }
        let skip: SurveyInvitation.Skip? =
            if ticket == nil || email == nil {
                .noAddress
            } else if try await scope.surveyInvitations.isUnsubscribed(SurveyInvitation.key(of: email!)) {
                .unsubscribed
            } else {
                nil
            }
        // The quiet period is for surveys of different tickets; this one follows up the same ticket, as asked.
        return SurveyInvitation(
            id: UUID(), ticketId: ticket ?? "", supportGroupCode: s?.supportGroupCode, segmentCode: s?.segmentCode, customerName: s?.customerName,
            customerEmail: email ?? s?.customerEmail ?? "", agent: s?.agent,
            language: language, sendAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(preferences.surveyLinkDays) * 86_400),
            skipped: skip, createdAt: now, caseID: recovery.id)
    }
}
