import Foundation
import MakegoodAlerts
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import Testing

/// The re-survey in the store (issue 22), on SQLite and on PostgreSQL: `resurveyAfterDays` after a case is closed as
/// recovered its customer gets the survey again, once; the answer is the case's outcome, not a new response; and the
/// SRP's figures count it.
@Suite struct ResurveyorTests {
    let alert = t0.addingTimeInterval(3_600)
    let day: TimeInterval = 86_400

    /// An instance re-surveying 3 days after closing, with a detractor's case closed as recovered an hour after
    /// its alert; returns the fixture, the response and the closing instant.
    func closedCase(_ store: Store, cpc: String = "acme", email: String = "cas@example.com") async throws -> (Fixture, UUID, Date) {
        let f = try await Fixture.make(on: store, cpc: cpc)
        let preferences = try Preferences(timezone: f.instance.preferences.timezone, resurveyAfterDays: 3)
        try await f.write { try await $0.savePreferences(preferences) }
        let submission = try SurveySubmission(
            ticketId: "R-1", supportGroupCode: "TEAM", segmentCode: "ENT", customerName: "Cas", customerEmail: email, agent: "Ann",
            rating: try Rating(2), factors: [], comment: nil, receivedAt: t0)
        let id = try await store.storeResponse(submission, instance: f.instance.id, now: t0).response.id
        let at = alert
        try await f.write { try await $0.responses.markAlerted([id], run: "run-1", at: at, targetHours: 24) }
        let closed = alert.addingTimeInterval(3_600)
        _ = try await f.write { try await $0.cases.apply(.close(.recovered, withNote: true), to: id, by: "Lee", at: closed, group: nil) }
        return (Fixture(store: store, instance: try await f.read { _ in f.instance }.with(preferences), lead: f.lead), id, closed)
    }

    func resurvey(_ f: Fixture, at instant: Date) async throws -> Int {
        try await Resurveyor.sendDue(instance: f.instance, store: f.store, links: AlertRunTests.links, now: instant)
    }

    @Test("a recovered case's customer is surveyed again after N days, once; the answer is the case's outcome", arguments: TestDatabase.allCases)
    func onceAfterNDays(database: TestDatabase) async throws {
        try await database.withStore { store in
            let (f, response, closed) = try await closedCase(store)
            #expect(try await resurvey(f, at: closed.addingTimeInterval(3 * day - 60)) == 0)
            #expect(try await resurvey(f, at: closed.addingTimeInterval(3 * day)) == 1)
            #expect(try await resurvey(f, at: closed.addingTimeInterval(3 * day + 60)) == 0, "once")
            let log = try await f.read { try await $0.surveyInvitations.log(limit: 10) }
            let invitation = try #require(log.first?.invitation)
            #expect(log.count == 1 && invitation.isResurvey && invitation.ticketId == "R-1" && invitation.customerEmail == "cas@example.com")
            let email = try #require(try await f.store.write {
                try await $0.outbox.claimDue(now: closed.addingTimeInterval(4 * day), limit: 10, lease: 60, instances: [f.instance.id])
            }.first)
            #expect(email.body.contains("We followed up on your ticket R-1") && email.listUnsubscribe != nil)

            // The customer answers 9: the case's outcome; the response the case was opened for stays.
            let id = invitation.id
            try await f.write {
                try await $0.surveyInvitations.recordAnswer(id, rating: try Rating(9), factors: ["Speed"], comment: "sorted", at: closed.addingTimeInterval(4 * day))
            }
            #expect(try await f.read { try await $0.responses.find(response) }?.submission.rating.value == 2)
            let tallies = try await f.read { try await $0.surveyInvitations.resurveyTallies(alertedFrom: t0, before: t0.addingTimeInterval(1 * 86_400), groups: ["TEAM"]) }
            #expect(tallies == [ResurveyMeasures.Tally(group: "TEAM", before: 2, after: 9, count: 1)])
            #expect(ResurveyMeasures(tallies).detractorsToPromotersPercent == 100)
            // A first invitation for the ticket is still possible: the re-survey is not the ticket's survey.
            #expect(try await f.read { try await $0.surveyInvitations.find(ticket: "R-1") } == nil)
        }
    }

    @Test("a case reopened before its day, an unsubscribed address, the re-survey off, and a case recovered long ago get none", arguments: TestDatabase.allCases)
    func none(database: TestDatabase) async throws {
        try await database.withStore { store in
            let (f, response, closed) = try await closedCase(store)
            _ = try await f.write { try await $0.cases.apply(.reopen, to: response, by: "Lee", at: closed.addingTimeInterval(day), group: nil) }
            #expect(try await resurvey(f, at: closed.addingTimeInterval(3 * day)) == 0)

            let (g, _, closedG) = try await closedCase(store, cpc: "unsub", email: "gone@example.com")
            let first = SurveyInvitation(
                id: UUID(), ticketId: "X-1", supportGroupCode: nil, segmentCode: nil, customerName: nil, customerEmail: "Gone@example.com",
                agent: nil, language: nil, sendAt: t0, expiresAt: t0, skipped: nil, createdAt: t0)
            try await g.write { scope in
                try await scope.surveyInvitations.create(first)
                try await scope.surveyInvitations.unsubscribe(first, at: t0)
            }
            #expect(try await resurvey(g, at: closedG.addingTimeInterval(3 * day)) == 0)
            #expect(try await g.read { try await $0.surveyInvitations.log(limit: 10) }.first?.invitation.skipped == .unsubscribed)

            let (h, _, closedH) = try await closedCase(store, cpc: "off")
            let off = try Preferences(timezone: h.instance.preferences.timezone)
            #expect(try await Resurveyor.sendDue(instance: h.instance.with(off), store: store, links: AlertRunTests.links, now: closedH.addingTimeInterval(3 * day)) == 0)
            #expect(try await resurvey(h, at: closedH.addingTimeInterval(11 * day)) == 0, "past the week's window")
        }
    }
}

extension Instance {
    /// The same instance with other Preferences, as the scheduler reads it after they are saved.
    func with(_ preferences: Preferences) -> Instance {
        Instance(id: id, cpc: cpc, name: name, preferences: preferences)
    }
}
