import Foundation
import HTTPTypes
import Hummingbird
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import Testing

/// Portal › Users and API tokens, invitations and changing one's own password.
@Suite struct PortalAccessPageTests {
    @Test("an invitation sets a password once and logs in; a disabled login stops working", arguments: TestDatabase.allCases)
    func invitations(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            _ = try await api.structure()
            let contact = try await api.contact("Ivy Invited")
            let admin = try await SurveyResponsesReportPageTests.admin(api)
            let page = try await admin.get("/portal/users?cpc=alpha")
            let csrf = ("csrf", page.input("csrf") ?? "")
            let bad = try await admin.post("/portal/users", fields: [csrf, ("cpc", "alpha"), ("email", "not an email"), ("role", "member"), ("contact", contact)])
            #expect(bad.status == .unprocessableContent && bad.input("email") == "not an email")
            let invited = try await admin.post("/portal/users", fields: [csrf, ("cpc", "alpha"), ("email", "ivy@example.com"), ("role", "member"), ("contact", contact)])
            #expect(invited.status == .ok && invited.html.contains("id=\"invited\""))
            let link = try #require(invited.html.range(of: "<code id=\"invitation-link\">").map { invited.html[$0.upperBound...].prefix { $0 != "<" } })
            let path = PageClient.Page.unescape(String(link)).replacingOccurrences(of: APIHarness.site.baseURL.absoluteString, with: "")
            #expect(path.hasPrefix("/invitation?token="))
            let queued = try await api.store.write { db in
                try await db.outbox.claimDue(now: APIHarness.now, limit: 10, lease: 60).map { ($0.address, $0.body) }
            }
            #expect(queued.count == 1 && queued.first?.0 == "ivy@example.com" && queued.first?.1.contains(String(link)) == true)

            let ivy = PageClient(client: api.client)
            let form = try await ivy.get(path)
            #expect(form.status == .ok && form.html.contains("ivy@example.com"))
            let token = ("token", form.input("token") ?? "")
            let ivyCSRF = ("csrf", form.input("csrf") ?? "")
            let mismatch = try await ivy.post("/invitation", fields: [ivyCSRF, token, ("password", "a long secret 1"), ("confirm", "a long secret 2")])
            #expect(mismatch.status == .unprocessableContent)
            let accepted = try await ivy.post("/invitation", fields: [ivyCSRF, token, ("password", "a long secret 1"), ("confirm", "a long secret 1")])
            #expect(accepted.status == .seeOther && ivy.cookies["mg_session"] != nil)
            #expect(try await ivy.get("/").html.contains("Ivy Invited"))
            let again = try await PageClient(client: api.client).get(path)
            #expect(again.status == .forbidden, "an invitation works once")
            let later = try await api.store.read { try await $0.invitations.find(token: token.1, now: APIHarness.now.addingTimeInterval(8 * 86_400)) }
            #expect(later == nil)

            let fresh = PageClient(client: api.client)
            #expect(try await fresh.login(cpc: "alpha", email: "ivy@example.com", password: "a long secret 1").status == .seeOther)
            let users = try await admin.get("/portal/users?cpc=alpha")
            let ivyID = try #require(users.html.components(separatedBy: "data-email=\"ivy@example.com\"").dropFirst().first?
                .components(separatedBy: "name=\"id\" value=\"").dropFirst().first?.prefix(36))
            #expect(try await admin.post("/portal/users/disable", fields: [csrf, ("cpc", "alpha"), ("id", String(ivyID))]).status == .seeOther)
            #expect(try await fresh.get("/").status == .seeOther, "the session stops")
            #expect(try await PageClient(client: api.client).login(cpc: "alpha", email: "ivy@example.com", password: "a long secret 1").status == .unauthorized)
        }
    }

    @Test("API tokens: shown once, listed by name, revoked; one's own password can be changed", arguments: TestDatabase.allCases)
    func tokensAndPasswords(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let admin = try await SurveyResponsesReportPageTests.admin(api)
            let page = try await admin.get("/portal/tokens?cpc=alpha")
            let csrf = ("csrf", page.input("csrf") ?? "")
            let created = try await admin.post("/portal/tokens", fields: [csrf, ("cpc", "alpha"), ("name", "Help <desk>")])
            let text = try #require(created.html.range(of: "<code id=\"token-text\">").map { String(created.html[$0.upperBound...].prefix { $0 != "<" }) })
            #expect(text.hasPrefix("mg_") && created.html.contains("Help &lt;desk&gt;"))
            let listed = try await admin.get("/portal/tokens?cpc=alpha")
            #expect(!listed.html.contains(text) && listed.html.contains("Help &lt;desk&gt;"), "the secret is never shown again")
            let id = String(text.dropFirst(3).prefix(12))
            #expect(try await admin.post("/portal/tokens/revoke", fields: [csrf, ("cpc", "alpha"), ("id", id)]).status == .seeOther)
            let refused = try await api.call(.get, "/preferences", headers: [.authorization: "Bearer \(text)"])
            #expect(refused.status == .unauthorized)

            let form = try await admin.get("/account/password")
            let token = ("csrf", form.input("csrf") ?? "")
            let wrong = try await admin.post("/account/password", fields: [token, ("current", "nope"), ("password", "new password 12"), ("confirm", "new password 12")])
            #expect(wrong.status == .unprocessableContent)
            let changed = try await admin.post(
                "/account/password", fields: [token, ("current", api.a.adminPassword), ("password", "new password 12"), ("confirm", "new password 12")])
            #expect(changed.status == .seeOther)
            #expect(try await PageClient(client: api.client).login(cpc: "alpha", email: api.a.adminEmail, password: "new password 12").status == .seeOther)
        }
    }

    @Test("every form POST of the pages is refused without the CSRF token")
    func everyPostNeedsCSRF() async throws {
        try await APIHarness.run { api in
            let router = try buildRouter(store: api.store, site: APIHarness.site)
            let posts = router.routes.filter { $0.method == .post && !"\($0.path)".hasPrefix("/api/") }.map { "\($0.path)" }
            #expect(posts.count >= 12, "\(posts)")
            let admin = try await SurveyResponsesReportPageTests.admin(api)
            // The survey's forms have no session to tie a token to: their link's signature is the permission
            // (docs/decisions.md, "Survey invitations"), so without one they are refused for that.
            let signed: Set = ["/survey", "/survey/unsubscribe"]
            #expect(signed.isSubset(of: Set(posts)))
            for path in posts {
                let answer = try await admin.post(path, fields: [("cpc", "alpha"), ("name", "x"), ("id", "x"), ("token", "x")])
                #expect(answer.status == .forbidden, "POST \(path) without a token")
                let why = signed.contains(path) ? "survey link is not valid" : "security token"
                #expect(answer.html.contains(why), "POST \(path) says why")
            }
        }
    }
}
