import Foundation
import HTTPTypes
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import Testing

/// The notes dialog works the recovery case (issue 21): state, owner, due, a resolution beside the Save buttons,
/// reopening, and the case's history beside the notes.
@Suite struct NotesDialogCaseTests {
    @Test("an alerted response shows its case; closing needs a note; a resolution closes it; it can be reopened", arguments: TestDatabase.allCases)
    func workTheCase(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            try await NotesDialogPageTests.day(api)
            let browser = PageClient(client: api.client)
            let uri = NotesDialogPageTests.link(
                LinkGrant(cpc: "alpha", rgid: "TEAM", date: "2026-11-18", tid: "T-1", expires: NotesDialogPageTests.expires))
            let before = try await browser.get(uri)
            #expect(!before.html.contains("id=\"case\""), "no alert has reported it yet")

            let id = try #require(before.input("at").flatMap(UUID.init(uuidString:)))
            let instance = try #require(try await api.store.read { try await $0.instances.find(cpc: "alpha") })
            let alert = RFC3339.parse("2026-11-18T22:00:00Z")!  // 09:00 in Sydney on the 19th
            try await api.store.write {
                try await $0.scoped(to: instance.id).responses.markAlerted([id], run: "run-1", at: alert, targetHours: 24)
            }
            let open = try await browser.get(uri)
            #expect(open.html.contains("data-field=\"case-state\">Open<"))
            #expect(open.html.contains("data-field=\"case-owner\">Lee Lead<"))
            #expect(open.html.contains("data-field=\"case-due\">Fri 20 Nov 2026, 09:00 <span class=\"overdue\">(overdue by 10 d 2 h)</span>"))
            #expect(open.html.contains("Case opened by the alert"))
            #expect(!open.html.contains("id=\"owner\""), "a report link lets its holder work the case, not hand it on")

            let hidden = ["cpc", "rgid", "date", "tid", "exp", "sig", "at"].map { ($0, open.input($0) ?? "") }
            let csrf = ("csrf", open.input("csrf") ?? "")
            let noNote = try await browser.post(
                "/service-recovery-notes", fields: hidden + [csrf, ("author", "Lee"), ("text", " "), ("resolution", "recovered"), ("go", "stay")])
            #expect(noNote.status == .unprocessableContent)
            #expect(noNote.html.contains("Closing a case needs a note"))
            #expect(noNote.html.contains("<option value=\"recovered\" selected>"), "the resolution chosen is kept")

            let closed = try await browser.post(
                "/service-recovery-notes",
                fields: hidden + [csrf, ("author", "Lee"), ("spoke", "yes"), ("text", "Called, refunded"), ("resolution", "recovered"), ("go", "stay")])
            #expect(closed.status == .seeOther)
            let after = try await browser.get(try #require(closed.location))
            #expect(after.html.contains("data-field=\"case-state\">Closed: recovered<"))
            #expect(after.html.contains("Customer contacted") && after.html.contains("Closed: recovered"))
            #expect(after.html.contains("id=\"reopen\""))
            let stored = try await api.store.read { try await $0.scoped(to: instance.id).cases.find(response: id) }
            #expect(stored?.state == .closed && stored?.resolution == .recovered)

            let csrfAfter = ("csrf", after.input("csrf") ?? "")
            let reopened = try await browser.post(
                "/service-recovery-notes", fields: hidden + [csrfAfter, ("author", "Lee"), ("text", ""), ("case", "reopen"), ("go", "stay")])
            #expect(reopened.status == .seeOther)
            let again = try await browser.get(try #require(reopened.location))
            #expect(again.html.contains("data-field=\"case-state\">Contacted<") && again.html.contains("Reopened"))

            let unknown = try await browser.post(
                "/service-recovery-notes",
                fields: hidden + [("csrf", again.input("csrf") ?? ""), ("author", "Lee"), ("text", "x"), ("resolution", "won back"), ("go", "stay")])
            #expect(unknown.status == .unprocessableContent && unknown.html.contains("Choose a resolution from the list"))
        }
    }

    @Test("an admin gives the case to an Also Alert of the group; the history says so", arguments: TestDatabase.allCases)
    func giveTheCase(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            try await NotesDialogPageTests.day(api)
            let lead = try #require(try await api.call(.get, "/support-groups/TEAM").object["lead"] as? String)
            let helper = try await api.call(
                .post, "/contacts", body: ["name": "Hal <b>Helper</b>", "email": "hal@example.com", "mobile": "+61412345679"])
            let helperID = try #require(helper.object["id"] as? String)
            _ = try await api.call(
                .put, "/support-groups/TEAM",
                body: ["name": "Team", "lead": lead, "alsoAlerts": [["contact": helperID, "access": "alertsOnly"]]])
            let instance = try #require(try await api.store.read { try await $0.instances.find(cpc: "alpha") })
            let response = try #require(try await api.store.read {
                try await $0.scoped(to: instance.id).responses.list(ResponseQuery(limit: 10)).items.first { $0.submission.ticketId == "T-1" }
            })
            let alert = RFC3339.parse("2026-11-18T22:00:00Z")!
            try await api.store.write {
                try await $0.scoped(to: instance.id).responses.markAlerted([response.id], run: "run-1", at: alert, targetHours: 24)
            }

            let browser = PageClient(client: api.client)
            _ = try await browser.login(cpc: "alpha", email: api.a.adminEmail, password: api.a.adminPassword)
            let uri = "/service-recovery-notes?cpc=alpha&rgid=TEAM&tid=T-1"
            let open = try await browser.get(uri)
            #expect(open.status == .ok)
            #expect(open.html.contains("<option value=\(helperID)") == false)
            #expect(open.html.contains("<option value=\"\(helperID)\">Hal &lt;b&gt;Helper&lt;/b&gt;</option>"))
            let hidden = ["cpc", "rgid", "tid", "at"].map { ($0, open.input($0) ?? "") }
            let given = try await browser.post(
                "/service-recovery-notes",
                fields: hidden + [("csrf", open.input("csrf") ?? ""), ("author", "Ann Admin"), ("text", ""), ("owner", helperID), ("go", "stay")])
            #expect(given.status == .seeOther)
            let after = try await browser.get(try #require(given.location))
            #expect(after.html.contains("data-field=\"case-owner\">Hal &lt;b&gt;Helper&lt;/b&gt;<"))
            #expect(after.html.contains("Given to Hal &lt;b&gt;Helper&lt;/b&gt;"))

            let stranger = try await api.call(.post, "/contacts", body: ["name": "Sam", "email": "sam@example.com", "mobile": "+61412345670"])
            let refused = try await browser.post(
                "/service-recovery-notes",
                fields: hidden + [("csrf", after.input("csrf") ?? ""), ("author", "Ann Admin"), ("text", ""),
                    ("owner", try #require(stranger.object["id"] as? String)), ("go", "stay")])
            #expect(refused.status == .unprocessableContent && refused.html.contains("only to the Support Lead or an Also Alert"))
        }
    }
}
