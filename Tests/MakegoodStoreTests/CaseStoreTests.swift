import Foundation
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import SQLKit
import Testing

/// Recovery cases in the store (issue 21), on SQLite and on PostgreSQL: opened by the alert, kept by a duplicate,
/// moved by a reassignment, worked by notes and actions, every change an append-only event.
@Suite struct CaseStoreTests {
    let alert = t0.addingTimeInterval(3_600)

    func alerted(_ f: Fixture, _ ids: [UUID], run: String = "run-1") async throws {
        let at = alert
        try await f.write { try await $0.responses.markAlerted(ids, run: run, at: at, targetHours: 24) }
    }

    @Test("the alert opens one case per response, due targetHours later; a second alert of the thread opens none", arguments: TestDatabase.allCases)
    func alertOpensCases(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store)
            let first = try await f.submit(ticket: "C-1").response
            try await alerted(f, [first.id])
            let opened = try #require(try await f.read { try await $0.cases.find(response: first.id) })
            #expect(opened.state == .open && opened.alertedAt == alert)
            #expect(opened.dueAt == alert.addingTimeInterval(24 * 3_600))
            #expect(opened.owner(in: try await f.read { try await $0.supportGroups.find("TEAM") }) == f.lead.id)

            // A duplicate keeps the case: it moves to the new response, and alerting that one opens no second case.
            let second = try await f.submit(ticket: "C-1", rating: 2, at: t0.addingTimeInterval(60)).response
            #expect(try await f.read { try await $0.cases.find(response: first.id) } == nil)
            let moved = try #require(try await f.read { try await $0.cases.find(response: second.id) })
            #expect(moved.id == opened.id)
            try await alerted(f, [second.id], run: "run-2")
            let events = try await f.read { try await $0.cases.events(of: opened.id) }
            #expect(events.map(\.change) == [.opened])
            #expect(events.first?.by == CaseEvent.system)
            let unclosed = try await f.read { try await $0.cases.unclosed(groups: nil, now: t0) }
            #expect(unclosed.map(\.case.id) == [opened.id])
        }
    }

    @Test("a Spoke = yes note contacts the case; closing needs a note; reopening; each change an event", arguments: TestDatabase.allCases)
    func workingACase(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store)
            let response = try await f.submit(ticket: "C-2").response
            try await alerted(f, [response.id])
            _ = try await f.note(response.id, spoke: false, text: "voicemail", at: alert.addingTimeInterval(60))
            #expect(try await f.read { try await $0.cases.find(response: response.id) }?.state == .open)
            let spoke = alert.addingTimeInterval(7_200)
            _ = try await f.note(response.id, author: "Lee", spoke: true, text: "called", at: spoke)
            let contacted = try #require(try await f.read { try await $0.cases.find(response: response.id) })
            #expect(contacted.state == .contacted && contacted.contactedAt == spoke)

            let id = response.id
            await #expect(throws: DomainError.self) {
                try await f.write { try await $0.cases.apply(.close(.recovered, withNote: false), to: id, by: "Lee", at: spoke, group: nil) }
            }
            let closedAt = spoke.addingTimeInterval(60)
            let closed = try await f.write {
                try await $0.cases.apply(.close(.recovered, withNote: true), to: id, by: "Lee", at: closedAt, group: nil)
            }
            #expect(closed?.state == .closed && closed?.resolution == .recovered && closed?.closedAt == closedAt)
            #expect(try await f.read { try await $0.cases.unclosed(groups: nil, now: closedAt) }.isEmpty)
            _ = try await f.write { try await $0.cases.apply(.reopen, to: id, by: "Ann Admin", at: closedAt, group: nil) }
            let reopened = try #require(try await f.read { try await $0.cases.find(response: id) })
            #expect(reopened.state == .contacted && reopened.resolution == nil)
            let events = try await f.read { try await $0.cases.events(of: reopened.id) }
            #expect(events.map(\.change) == [.opened, .contacted, .closed(.recovered), .reopened])
            #expect(events.map(\.by) == [CaseEvent.system, "Lee", "Lee", "Ann Admin"])
        }
    }

    @Test("giving a case to an Also Alert, and a reassignment handing it to the new group's lead", arguments: TestDatabase.allCases)
    func ownersAndReassignment(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store, groups: ["TEAM", "OTHER"])
            let helper = try Contact(name: "Hal Helper", email: "hal@acme.example", mobile: "+61412345679")
            let otherLead = try Contact(name: "Olive Other", email: "olive@acme.example", mobile: "+61412345670")
            try await f.write { scope in
                try await scope.contacts.create(helper, now: t0)
                try await scope.contacts.create(otherLead, now: t0)
                _ = try await scope.supportGroups.put(
                    try SupportGroup(code: "TEAM", name: "Group TEAM", department: nil, lead: f.lead.id,
                        alsoAlerts: [AlsoAlert(contact: helper.id, access: .alertsOnly)]), now: t0)
                _ = try await scope.supportGroups.put(
                    try SupportGroup(code: "OTHER", name: "Group OTHER", department: nil, lead: otherLead.id, alsoAlerts: []), now: t0)
            }
            let response = try await f.submit(ticket: "C-3").response
            try await alerted(f, [response.id])
            let team = try await f.read { try await $0.supportGroups.find("TEAM") }
            let id = response.id
            await #expect(throws: DomainError.self) {
                try await f.write { try await $0.cases.apply(.assign(otherLead.id), to: id, by: "Lee", at: t0, group: team) }
            }
            let given = try await f.write { try await $0.cases.apply(.assign(helper.id), to: id, by: "Lee", at: t0, group: team) }
            #expect(given?.owner(in: team) == helper.id)
            #expect(try await f.read { try await $0.cases.unclosed(groups: ["TEAM"], now: t0) }.count == 1)

            _ = try await f.write { try await $0.responses.reassign(id, to: "OTHER", by: "admin@acme.example", now: t0) }
            let other = try await f.read { try await $0.supportGroups.find("OTHER") }
            let moved = try #require(try await f.read { try await $0.cases.find(response: id) })
            #expect(moved.owner(in: other) == otherLead.id)
            #expect(try await f.read { try await $0.cases.unclosed(groups: ["TEAM"], now: t0) }.isEmpty)
            #expect(try await f.read { try await $0.cases.unclosed(groups: ["OTHER"], now: t0) }.map(\.group) == ["OTHER"])
            #expect(try await f.read { try await $0.cases.events(of: moved.id) }.map(\.change) == [.opened, .owner(helper.id)])
        }
    }

    @Test("the queue's first page is the most urgent, in the database's order as the queue's; the counts are of every case", arguments: TestDatabase.allCases)
    func queuePageAndCounts(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store)
            var ids: [UUID] = []
            for (n, hours) in [(1, 0.0), (2, 1), (3, 2), (4, 30)].map({ ($0.0, $0.1) }) {
                let response = try await f.submit(ticket: "Q-\(n)", at: t0.addingTimeInterval(hours * 60)).response
                let at = alert.addingTimeInterval(hours * 3_600)
                try await f.write { try await $0.responses.markAlerted([response.id], run: "run-\(n)", at: at, targetHours: 24) }
                ids.append(response.id)
            }
            // Q-1 is contacted: it stays in the queue but is not overdue, so the overdue come before it.
            _ = try await f.note(ids[0], spoke: true, at: alert.addingTimeInterval(60))
            let now = alert.addingTimeInterval(27 * 3_600)
            let page = try await f.read { try await $0.cases.unclosed(groups: nil, now: now, limit: 3) }
            #expect(page.map(\.case.responseID) == [ids[1], ids[2], ids[0]])
            let all = try await f.read { try await $0.cases.unclosed(groups: nil, now: now) }
            #expect(all.map(\.case.responseID) == [ids[1], ids[2], ids[0], ids[3]])
            let counts = try await f.read { try await $0.cases.queueCounts(groups: ["TEAM"], now: now, closedSince: t0) }
            #expect(counts == CaseQueue.Counts(open: 4, overdue: 2, closedThisWeek: 0))
            #expect(try await f.read { try await $0.cases.queueCounts(groups: [], now: now, closedSince: t0) }.open == 0)
        }
    }

    @Test("the database refuses to change or delete a case event; another instance sees no case", arguments: TestDatabase.allCases)
    func eventsAreAppendOnlyAndIsolated(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store)
            let other = try await Fixture.make(on: store, cpc: "other")
            let response = try await f.submit(ticket: "C-4").response
            try await alerted(f, [response.id])
            await #expect(throws: (any Error).self) {
                try await store.write { try await $0.sql.raw("UPDATE case_events SET by_whom = 'someone else'").run() }
            }
            await #expect(throws: (any Error).self) {
                try await store.write { try await $0.sql.raw("DELETE FROM case_events").run() }
            }
            #expect(try await f.read { try await $0.cases.events(of: response.id) }.count == 1)
            #expect(try await other.read { try await $0.cases.find(response: response.id) } == nil)
            #expect(try await other.read { try await $0.cases.unclosed(groups: nil, now: t0) }.isEmpty)
            let id = response.id
            #expect(try await other.write { try await $0.cases.apply(.reopen, to: id, by: "x", at: t0, group: nil) } == nil)
        }
    }
}
