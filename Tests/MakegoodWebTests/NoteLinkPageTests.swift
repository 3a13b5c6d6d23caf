import Foundation
import HTTPTypes
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import Testing

/// A note saved through a signed link records which link it came through, and the log says so (the link is the only
/// credential its writer had).
@Suite struct NoteLinkPageTests {
    @Test("a note typed against a form that expired meanwhile is shown again, not lost, and saves with the new form")
    func expiredFormKeepsTheNotes() async throws {
        try await APIHarness.run { api in
            try await NotesDialogPageTests.day(api)
            let browser = PageClient(client: api.client)
            let page = try await browser.get(
                NotesDialogPageTests.link(LinkGrant(cpc: "alpha", rgid: "TEAM", tid: "T-1", expires: NotesDialogPageTests.expires)))
            let hidden = ["cpc", "rgid", "tid", "exp", "sig", "at"].compactMap { name in page.input(name).map { (name, $0) } }
            browser.setCookie("mg_csrf", String(repeating: "x", count: 32))  // as when the browser's cookies changed
            let typed = [("author", "Pat"), ("spoke", "yes"), ("text", "Called <back> at 3pm"), ("go", "stay")]
            let stale = try await browser.post("/service-recovery-notes", fields: hidden + [("csrf", page.input("csrf") ?? "")] + typed)
            #expect(stale.status == .forbidden)
            #expect(stale.html.contains("not saved yet") && stale.html.contains(">Called &lt;back&gt; at 3pm</textarea>"))
            let id = try #require(page.input("at"))
            #expect(try await api.call(.get, "/survey-responses/\(id)/notes").items.isEmpty, "nothing saved from the stale form")
            let saved = try await browser.post("/service-recovery-notes", fields: hidden + [("csrf", stale.input("csrf") ?? "")] + typed)
            #expect(saved.status == .seeOther)
            #expect(try await api.call(.get, "/survey-responses/\(id)/notes").items.map { $0["text"] as? String } == ["Called <back> at 3pm"])
        }
    }

    @Test("the log names the contact a note's link was sent to; a note saved logged in names no link", arguments: TestDatabase.allCases)
    func logNamesTheLink(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            try await NotesDialogPageTests.day(api)
            let lead = try #require(try await api.call(.get, "/contacts").items.first?["id"] as? String)
            let viaLead = NotesDialogPageTests.link(
                LinkGrant(cpc: "alpha", rgid: "TEAM", date: "2026-11-18", tid: "T-1", recipient: lead, expires: NotesDialogPageTests.expires))
            let anonymous = NotesDialogPageTests.link(
                LinkGrant(cpc: "alpha", rgid: "TEAM", tid: "T-1", expires: NotesDialogPageTests.expires))
            for (uri, text) in [(viaLead, "Called from the lead's link"), (anonymous, "Called from an old link")] {
                let browser = PageClient(client: api.client)
                let page = try await browser.get(uri)
                #expect(page.status == .ok)
                let hidden = ["cpc", "rgid", "date", "tid", "r", "exp", "sig", "at"].compactMap { name in page.input(name).map { (name, $0) } }
                let saved = try await browser.post(
                    "/service-recovery-notes", fields: hidden + [("csrf", page.input("csrf") ?? ""), ("author", "Pat"), ("text", text), ("go", "stay")])
                #expect(saved.status == .seeOther)
            }
            let admin = PageClient(client: api.client)
            _ = try await admin.login(cpc: "alpha", email: api.a.adminEmail, password: api.a.adminPassword)
            let page = try await admin.get("/service-recovery-notes?cpc=alpha&rgid=TEAM&tid=T-1")
            let saved = try await admin.post(
                "/service-recovery-notes",
                fields: [("csrf", page.input("csrf") ?? ""), ("cpc", "alpha"), ("rgid", "TEAM"), ("tid", "T-1"), ("author", "Adam"),
                    ("text", "Logged in"), ("go", "stay")])
            #expect(saved.status == .seeOther)

            let log = try await admin.get("/service-recovery-notes?cpc=alpha&rgid=TEAM&tid=T-1").html
            let notes = log.components(separatedBy: "<li class=\"note\">").dropFirst()
            #expect(notes.count == 3)
            let lines = notes.map { $0.components(separatedBy: "</li>")[0] }
            #expect(lines[0].contains("Called from the lead") && lines[0].contains("via the report link sent to Lee Lead"))
            #expect(lines[1].contains("Called from an old link") && lines[1].contains("via a signed report link"))
            #expect(lines[2].contains("Logged in") && !lines[2].contains("via"))
        }
    }
}
