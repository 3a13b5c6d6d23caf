import Foundation
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import SQLKit
import Testing

@testable import MakegoodAlerts

/// Reminders and escalation on both databases: one reminder per owner per local day from the alert time, one
/// escalation per case to the Department's lead or the admins, none for a case contacted in time, and none twice
/// when two nodes chase at the same instant.
@Suite struct CaseChaserTests {
    static func local(_ text: String) -> Date { RFC3339.parse(text + "+11:00")! }  // Sydney summer time

    /// What the chaser queued: outside any alert run.
    struct Queued: Equatable {
        let address: String
        let channel: String
        let subject: String?
        let body: String
    }

    struct World {
        let fixture: Fixture
        let departmentLead: Contact

        /// DEPT (lead Dana) above TEAM (lead Lee); LONE (lead Lee) has no Department; an admin login for the instance.
        static func make(_ store: Store) async throws -> World {
            let fixture = try await Fixture.make(on: store, groups: [])
            let dana = try Contact(name: "Dana Department", email: "dana@acme.example", mobile: "+61400000009")
            let lee = fixture.lead
            try await fixture.write { scope in
                try await scope.contacts.create(dana, now: t0)
                _ = try await scope.supportGroups.put(
                    try SupportGroup(code: "DEPT", name: "Support", department: nil, lead: dana.id, alsoAlerts: []), now: t0)
                _ = try await scope.supportGroups.put(
                    try SupportGroup(code: "TEAM", name: "Team", department: "DEPT", lead: lee.id, alsoAlerts: []), now: t0)
                _ = try await scope.supportGroups.put(
                    try SupportGroup(code: "LONE", name: "Lone team", department: nil, lead: lee.id, alsoAlerts: []), now: t0)
                _ = try await scope.users.create(email: "ann@acme.example", role: .admin, contact: nil, passwordHash: "x", now: t0)
            }
            return World(fixture: fixture, departmentLead: dana)
        }

        func alert(_ day: String) async throws {
            let instant = AlertCalendar(fixture.instance.preferences).alertInstant(on: LocalDate(day)!)
            let scheduled = ScheduledRun(day: LocalDate(day)!, instant: instant)
            _ = try await AlertRun.run(scheduled, instance: fixture.instance, store: fixture.store, links: AlertRunTests.links, now: instant)
        }

        func chase(_ at: Date) async throws -> CaseChaser.Summary? {
            try await CaseChaser.sendDue(instance: fixture.instance, store: fixture.store, links: AlertRunTests.links, now: at)
        }

        func queued() async throws -> [Queued] {
            try await fixture.store.read { session in
                try await session.sql.raw(
                    """
                    SELECT d.address, d.channel, c.subject, c.body FROM deliveries d
                    JOIN delivery_contents c ON c.delivery_id = d.id AND c.instance_id = d.instance_id
                    WHERE d.instance_id = \(bind: fixture.instance.id.storageKey) AND d.run_id IS NULL ORDER BY d.id
                    """
                ).all().map {
                    Queued(
                        address: try $0.decode(column: "address", as: String.self), channel: try $0.decode(column: "channel", as: String.self),
                        subject: try $0.decode(column: "subject", as: String?.self), body: try $0.decode(column: "body", as: String.self))
                }
            }
        }
    }

    @Test("a week of reminders and one escalation", arguments: TestDatabase.allCases)
    func week(database: TestDatabase) async throws {
        try await database.withStore { store in
            let world = try await World.make(store)
            let f = world.fixture
            // Monday 16 November: three unhappy customers of TEAM, alerted Tuesday at 09:00 (due Wednesday 09:00).
            let received = Self.local("2026-11-16T12:00:00")
            let late1 = try await f.submit(ticket: "T-1", group: "TEAM", at: received).response
            _ = try await f.submit(ticket: "T-2", group: "TEAM", at: received.addingTimeInterval(60))
            let inTime = try await f.submit(ticket: "T-3", group: "TEAM", at: received.addingTimeInterval(120)).response
            try await world.alert("2026-11-17")
            _ = try await f.note(inTime.id, spoke: true, at: Self.local("2026-11-17T15:00:00"))

            #expect(try await world.chase(Self.local("2026-11-18T09:00:00")) == nil, "due, not yet past it")
            let wednesday = try #require(try await world.chase(Self.local("2026-11-18T09:00:30")))
            #expect(wednesday.reminders == 1 && wednesday.reminderTexts == 1 && wednesday.escalatedCases == 0)
            #expect(try await world.chase(Self.local("2026-11-18T16:00:00")) == nil, "one reminder a day")

            var queued = try await world.queued()
            #expect(queued.map(\.address) == ["lee@acme.example", "+61412345678"])
            #expect(queued[0].subject == "Makegood: 2 overdue recovery cases of Acme")
            #expect(queued[0].body.contains("Ticket T-1") && queued[0].body.contains("Ticket T-2") && !queued[0].body.contains("T-3"))
            #expect(queued[0].body.contains("overdue by 0 min") || queued[0].body.contains("overdue by 1 min"))
            #expect(queued[0].body.contains("https://mg.example.com/queue?cpc=acme"))
            #expect(queued[1].body == "Makegood: 2 overdue recovery cases (Team). Queue: https://mg.example.com/queue?cpc=acme")

            // Thursday 09:00 is due + 24 h: the cases escalate to Dana, and Lee is reminded again.
            let thursday = try #require(try await world.chase(Self.local("2026-11-19T09:00:00")))
            #expect(thursday == CaseChaser.Summary(cpc: "acme", reminders: 1, reminderTexts: 1, escalatedCases: 2, escalationEmails: 1))
            let friday = try #require(try await world.chase(Self.local("2026-11-20T09:30:00")))
            #expect(friday.reminders == 1 && friday.escalatedCases == 0, "a case escalates once")
            queued = try await world.queued()
            let escalations = queued.filter { $0.subject?.contains("escalated") == true }
            #expect(escalations.map(\.address) == ["dana@acme.example"])
            #expect(escalations.first?.body.contains("owner Lee Lead") == true)
            #expect(queued.filter { $0.address == "lee@acme.example" }.count == 3)

            let recovery = try #require(try await f.read { try await $0.cases.find(response: late1.id) })
            #expect(recovery.escalatedAt == Self.local("2026-11-19T09:00:00"))
            let events = try await f.read { try await $0.cases.events(of: recovery.id) }
            #expect(events.map(\.change) == [.opened, .escalated(world.departmentLead.id)])

            // Once Lee calls, nothing more.
            _ = try await f.note(late1.id, spoke: true, at: Self.local("2026-11-20T10:00:00"))
            let saturday = try #require(try await world.chase(Self.local("2026-11-21T09:00:00")))
            #expect(saturday.reminders == 1)
            let last = try #require(try await world.queued().last { $0.address == "lee@acme.example" })
            #expect(last.body.contains("Ticket T-2") && !last.body.contains("Ticket T-1"))
        }
    }

    @Test("without a Department the admins hear of it; remindOverdue off sends no reminder", arguments: TestDatabase.allCases)
    func admins(database: TestDatabase) async throws {
        try await database.withStore { store in
            var world = try await World.make(store)
            var preferences = world.fixture.instance.preferences
            preferences.remindOverdue = false
            preferences.escalateAfterHours = 2
            let instanceID = world.fixture.instance.id
            try await store.write { [preferences] in try await $0.scoped(to: instanceID).savePreferences(preferences) }
            let instance = try #require(try await store.read { try await $0.instances.find(id: instanceID) })
            world = World(fixture: Fixture(store: store, instance: instance, lead: world.fixture.lead), departmentLead: world.departmentLead)
            #expect(instance.preferences.remindOverdue == false && instance.preferences.escalationHours == 2)

            _ = try await world.fixture.submit(ticket: "L-1", group: "LONE", at: Self.local("2026-11-16T12:00:00"))
            try await world.alert("2026-11-17")
            #expect(try await world.chase(Self.local("2026-11-18T10:59:00")) == nil)
            let summary = try #require(try await world.chase(Self.local("2026-11-18T11:00:00")))
            #expect(summary == CaseChaser.Summary(cpc: "acme", reminders: 0, reminderTexts: 0, escalatedCases: 1, escalationEmails: 1))
            let queued = try await world.queued()
            #expect(queued.map(\.address) == ["ann@acme.example"])
            #expect(queued.first?.body.contains("https://mg.example.com/service-recovery-notes?cpc=acme&rgid=LONE&tid=L-1") == true)
        }
    }

    @Test("two nodes chasing at the same instant queue each message once", arguments: TestDatabase.allCases)
    func twoNodes(database: TestDatabase) async throws {
        try await database.withStore { store in
            let world = try await World.make(store)
            for number in 1...5 {
                _ = try await world.fixture.submit(ticket: "N-\(number)", group: "TEAM", at: Self.local("2026-11-16T12:00:00"))
            }
            try await world.alert("2026-11-17")
            let at = Self.local("2026-11-19T09:00:00")
            async let first = world.chase(at)
            async let second = world.chase(at)
            let summaries = try await [first, second].compactMap { $0 }
            #expect(summaries.map(\.reminders).reduce(0, +) == 1)
            #expect(summaries.map(\.escalatedCases).reduce(0, +) == 5)
            let queued = try await world.queued()
            #expect(queued.filter { $0.address == "lee@acme.example" }.count == 1)
            #expect(queued.filter { $0.address == "dana@acme.example" }.count == 1)
        }
    }
}
