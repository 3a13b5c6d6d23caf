import Foundation
import HTTPTypes
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import Testing

/// My queue, the home page of every login that reaches a group (issue 21): the open cases of the visitor's groups,
/// overdue first, with counts; an admin's group filter; nothing of another instance.
@Suite struct MyQueuePageTests {
    @Test("a lead's queue: overdue first, then by due, with counts that follow a close", arguments: TestDatabase.allCases)
    func leadsQueue(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            try await NotesDialogPageTests.day(api)
            let lead = try await PageRolesTests.member(api, name: "Lou Leader", email: "lou@example.com")
            _ = try await api.call(.put, "/support-groups/TEAM", body: ["name": "Team", "lead": lead])
            let instance = try #require(try await api.store.read { try await $0.instances.find(cpc: "alpha") })
            let scope: @Sendable (StoreSession) -> InstanceScope = { $0.scoped(to: instance.id) }
            let responses = try await api.store.read { try await scope($0).responses.list(ResponseQuery(limit: 10)).items }
            let t1 = try #require(responses.first { $0.submission.ticketId == "T-1" }?.id)
            let t3 = try #require(responses.first { $0.submission.ticketId == "T-3" }?.id)
            try await api.store.write { session in
                // T-1 alerted yesterday (due later today), T-3 ten days ago (overdue).
                try await scope(session).responses.markAlerted([t1], run: "run-2", at: RFC3339.parse("2026-11-29T22:00:00Z")!, targetHours: 24)
                try await scope(session).responses.markAlerted([t3], run: "run-1", at: RFC3339.parse("2026-11-18T22:00:00Z")!, targetHours: 24)
            }

            let browser = PageClient(client: api.client)
            _ = try await browser.login(cpc: "alpha", email: "lou@example.com", password: PageRolesTests.password)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.html.contains("id=\"count-open\">2 open<") && home.html.contains("id=\"count-overdue\">1 overdue<"))
            #expect(home.html.contains("id=\"count-closed\">0 closed this week<"))
            let first = try #require(home.html.range(of: "<span class=\"ticket\">T-3</span>"))
            let second = try #require(home.html.range(of: "<span class=\"ticket\">T-1</span>"))
            #expect(first.lowerBound < second.lowerBound, "the overdue case first")
            #expect(home.html.contains("href=\"/service-recovery-notes?cpc=alpha&amp;rgid=TEAM&amp;tid=T-3\""))
            #expect(home.html.contains("Lou Leader · Open"))
            #expect(!home.html.contains("id=\"rgid\""), "the group filter is an admin's")

            let closedAt = APIHarness.now
            try await api.store.write {
                try await scope($0).cases.apply(.close(.recovered, withNote: true), to: t3, by: "Lou", at: closedAt, group: nil)
            }
            let after = try await browser.get("/queue?cpc=alpha")
            #expect(after.html.contains("id=\"count-open\">1 open<") && after.html.contains("id=\"count-overdue\">0 overdue<"))
            #expect(after.html.contains("id=\"count-closed\">1 closed this week<"))
            #expect(!after.html.contains("<span class=\"ticket\">T-3</span>"))
        }
    }

    @Test("an admin filters by group; another instance's admin gets a 404", arguments: TestDatabase.allCases)
    func adminsAndIsolation(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            try await NotesDialogPageTests.day(api)
            let instance = try #require(try await api.store.read { try await $0.instances.find(cpc: "alpha") })
            let ids = try await api.store.read { try await $0.scoped(to: instance.id).responses.list(ResponseQuery(limit: 10)).items.map(\.id) }
            try await api.store.write {
                try await $0.scoped(to: instance.id).responses.markAlerted(ids, run: "run-1", at: RFC3339.parse("2026-11-28T22:00:00Z")!, targetHours: 24)
            }
            let admin = PageClient(client: api.client)
            _ = try await admin.login(cpc: "alpha", email: api.a.adminEmail, password: api.a.adminPassword)
            let all = try await admin.get("/queue?cpc=alpha")
            #expect(all.html.contains("id=\"count-open\">4 open<"))
            #expect(all.html.contains("<option value=\"TEAM\">Team</option>"))
            let filtered = try await admin.get("/queue?cpc=alpha&rgid=NOPE")
            #expect(filtered.html.contains("id=\"count-open\">0 open<") && filtered.html.contains("No open cases"))

            _ = try await api.structure(as: api.b)
            let other = PageClient(client: api.client)
            _ = try await other.login(cpc: "bravo", email: api.b.adminEmail, password: api.b.adminPassword)
            let refused = try await other.get("/queue?cpc=alpha")
            #expect(refused.status == .notFound)
            let own = try await other.get("/queue?cpc=bravo")
            #expect(!refused.html.contains("T-1") && !own.html.contains("T-1"))
        }
    }
}
