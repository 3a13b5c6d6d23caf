import Foundation
import MakegoodAlerts
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import Testing

/// Survey invitations in the store (issue 22), on SQLite and on PostgreSQL: one per ticket, its email queued once
/// with a one-click unsubscribe, none in the quiet period or after unsubscribing, and nothing seen by another instance.
@Suite struct SurveyInviterTests {
    func ask(_ f: Fixture, ticket: String, email: String = "cas@example.com", sendAt: Date? = nil, resend: Bool = false, at: Date = t0)
        async throws -> SurveyInviter.Outcome
    {
        let request = try SurveyInvitationRequest(
            ticketId: ticket, supportGroupCode: "TEAM", segmentCode: "ENT", customerName: "<b>Cas</b>", customerEmail: email,
            agent: "Ann", language: nil, sendAt: sendAt, resend: resend, now: at)
        return try await SurveyInviter(store: f.store, links: AlertRunTests.links).invite(request, instance: f.instance.id, now: at)
    }

    func queued(_ f: Fixture) async throws -> [Delivery] {
        // Claiming is how the outbox worker sees what is due; it writes, so it runs in a write.
        try await f.store.write { session in
            try await session.outbox.claimDue(now: t0.addingTimeInterval(365 * 86_400), limit: 100, lease: 60, instances: [f.instance.id])
        }
    }

    @Test("an invitation queues one email with ten ratings and a one-click unsubscribe; a second for the ticket is a conflict", arguments: TestDatabase.allCases)
    func oneInvitationPerTicket(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store)
            let first = try await ask(f, ticket: "T-1")
            #expect(first.invitation.skipped == nil && first.url?.path == "/survey")
            #expect(first.invitation.expiresAt == t0.addingTimeInterval(30 * 86_400))
            await #expect(throws: DomainError.self) { try await ask(f, ticket: "T-1") }
            let emails = try await queued(f)
            #expect(emails.count == 1)
            let email = try #require(emails.first)
            #expect(email.address == "cas@example.com" && email.subject == SurveyQuestions.ratingQuestion)
            #expect(email.listUnsubscribe?.contains("/survey/unsubscribe?cpc=acme&i=\(first.invitation.id.storageKey)&sig=") == true)
            let html = try #require(email.html)
            #expect(html.components(separatedBy: "/survey?cpc=acme").count - 1 == 10)
            #expect(html.contains("&lt;b&gt;Cas&lt;/b&gt;") && !html.contains("<b>Cas</b>"))
            #expect(email.body.contains("q1=10"))

            // Sent again on request: the same invitation, a second email.
            let again = try await ask(f, ticket: "T-1", resend: true, at: t0.addingTimeInterval(3_600))
            #expect(again.invitation.id == first.invitation.id && again.url != nil)
            #expect(try await f.read { try await $0.surveyInvitations.find(ticket: "T-1") }?.sendAt == t0.addingTimeInterval(3_600))
        }
    }

    @Test("the quiet period skips another ticket's survey to the address, whatever its case, until 7 days have passed", arguments: TestDatabase.allCases)
    func quietPeriod(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store)
            _ = try await ask(f, ticket: "T-1")
            let soon = try await ask(f, ticket: "T-2", email: "CAS@Example.com", at: t0.addingTimeInterval(6 * 86_400))
            #expect(soon.invitation.skipped == .quietPeriod && soon.url == nil)
            // A scheduled one counts too, either side.
            let before = try await ask(f, ticket: "T-3", email: "cas@example.com", sendAt: t0.addingTimeInterval(20 * 86_400))
            #expect(before.invitation.skipped == nil)
            let between = try await ask(f, ticket: "T-4", sendAt: t0.addingTimeInterval(15 * 86_400), at: t0.addingTimeInterval(8 * 86_400))
            #expect(between.invitation.skipped == .quietPeriod)
            let later = try await ask(f, ticket: "T-5", at: t0.addingTimeInterval(7 * 86_400))
            #expect(later.invitation.skipped == nil)
            #expect(try await queued(f).count == 3)
        }
    }

    @Test("the Preferences set the quiet period (0 is off) and how long the links work", arguments: TestDatabase.allCases)
    func preferences(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store)
            let preferences = try Preferences(timezone: f.instance.preferences.timezone, surveyQuietDays: 0, surveyLinkDays: 10)
            try await f.write { try await $0.savePreferences(preferences) }
            let first = try await ask(f, ticket: "T-1")
            let second = try await ask(f, ticket: "T-2", at: t0.addingTimeInterval(60))
            #expect(first.invitation.skipped == nil && second.invitation.skipped == nil)
            #expect(first.invitation.expiresAt == t0.addingTimeInterval(10 * 86_400))
            #expect(throws: DomainError.self) { try Preferences(timezone: preferences.timezone, surveyQuietDays: 366) }
            #expect(throws: DomainError.self) { try Preferences(timezone: preferences.timezone, surveyLinkDays: 0) }
        }
    }

    @Test("the invitation log: sent, skipped, bounced, opened, answered and unsubscribed, newest first", arguments: TestDatabase.allCases)
    func log(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store)
            let sent = try await ask(f, ticket: "T-1")
            let bounced = try await ask(f, ticket: "T-2", email: "nobody@example.com", at: t0.addingTimeInterval(60))
            let skipped = try await ask(f, ticket: "T-3", at: t0.addingTimeInterval(120))
            let emails = try await queued(f)
            let byRecipient = Dictionary(uniqueKeysWithValues: emails.map { ($0.contactID, $0.id) })
            try await f.store.write { session in
                try await session.outbox.markSent(byRecipient[sent.invitation.id.storageKey]!, at: t0.addingTimeInterval(5))
                try await session.outbox.markAttemptFailed(byRecipient[bounced.invitation.id.storageKey]!, error: "550 no such user", retryAt: nil)
            }
            let id = sent.invitation.id
            try await f.write { scope in
                try await scope.surveyInvitations.markOpened(id, at: t0.addingTimeInterval(10))
                try await scope.surveyInvitations.recordAnswer(id, rating: try Rating(3), factors: [], comment: nil, at: t0.addingTimeInterval(20))
                try await scope.surveyInvitations.unsubscribe(sent.invitation, at: t0.addingTimeInterval(30))
            }
            let log = try await f.read { try await $0.surveyInvitations.log(limit: 10) }
            #expect(log.map(\.invitation.ticketId) == ["T-3", "T-2", "T-1"])
            #expect(log[0].invitation.skipped == .quietPeriod && log[0].sentAt == nil && log[0].unsubscribedAt == t0.addingTimeInterval(30))
            #expect(log[1].bounced && log[1].sentAt == nil && log[1].unsubscribedAt == nil)
            #expect(log[2].sentAt == t0.addingTimeInterval(5) && !log[2].bounced)
            #expect(log[2].openedAt == t0.addingTimeInterval(10) && log[2].answeredAt == t0.addingTimeInterval(20))
            #expect(skipped.url == nil)
            #expect(try await f.read { try await $0.surveyInvitations.log(limit: 2) }.count == 2)
            let other = try await Fixture.make(on: store, cpc: "other")
            #expect(try await other.read { try await $0.surveyInvitations.log(limit: 10) }.isEmpty)
        }
    }

    @Test("a resend takes the request's address, withdraws an email still waiting, and never goes to an unsubscribed address", arguments: TestDatabase.allCases)
    func resending(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store)
            let later = t0.addingTimeInterval(2 * 86_400)
            let first = try await ask(f, ticket: "T-1", email: "typo@exmaple.com", sendAt: later)
            let fixed = try await ask(f, ticket: "T-1", email: "cas@example.com", resend: true)
            #expect(fixed.invitation.id == first.invitation.id && fixed.invitation.customerEmail == "cas@example.com" && fixed.url != nil)
            let waiting = try await queued(f)
            #expect(waiting.map(\.address) == ["cas@example.com"], "the scheduled email to the typo was withdrawn")
            try await f.write { try await $0.surveyInvitations.unsubscribe(fixed.invitation, at: t0) }
            let refused = try await ask(f, ticket: "T-1", email: "Cas@example.com", resend: true, at: t0.addingTimeInterval(60))
            #expect(refused.invitation.skipped == .unsubscribed && refused.url == nil)
            #expect(try await queued(f).isEmpty)
        }
    }

    @Test("unsubscribing stops every later survey to the address in that instance only", arguments: TestDatabase.allCases)
    func unsubscribing(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store)
            let other = try await Fixture.make(on: store, cpc: "other")
            let first = try await ask(f, ticket: "T-1")
            try await f.write { try await $0.surveyInvitations.unsubscribe(first.invitation, at: t0) }
            try await f.write { try await $0.surveyInvitations.unsubscribe(first.invitation, at: t0.addingTimeInterval(60)) }
            let next = try await ask(f, ticket: "T-2", email: "Cas@example.com", at: t0.addingTimeInterval(30 * 86_400))
            #expect(next.invitation.skipped == .unsubscribed)
            let elsewhere = try await ask(other, ticket: "T-2", at: t0.addingTimeInterval(30 * 86_400))
            #expect(elsewhere.invitation.skipped == nil)
            let id = first.invitation.id
            #expect(try await other.read { try await $0.surveyInvitations.find(id: id) } == nil)
            #expect(try await other.read { try await $0.surveyInvitations.find(ticket: "T-1") } == nil)
        }
    }
}
