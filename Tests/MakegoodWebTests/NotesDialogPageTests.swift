import Foundation
import HTTPTypes
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import Testing

/// The notes dialog page (SPEC §3) through the real router: links, logins, CSRF, saving and walking.
@Suite struct NotesDialogPageTests {
    static let signer = LinkSigner(secret: APIHarness.site.secret)

    /// A signed link as an alert email carries it.
    static func link(_ grant: LinkGrant) -> String {
        var components = URLComponents()
        components.path = "/service-recovery-notes"
        components.queryItems = grant.queryItems(signature: signer.sign(grant))
        return components.percentEncodedQuery.map { "/service-recovery-notes?" + $0.replacingOccurrences(of: "+", with: "%2B") } ?? ""
    }

    static let expires = APIHarness.now.addingTimeInterval(86_400)

    /// Three unhappy customers and a happy one on 18 November (Sydney), in group TEAM led by Lee Lead.
    static func day(_ api: APIHarness) async throws {
        _ = try await api.structure()
        for (ticket, rating, hour) in [("T-1", 3, "01"), ("T-2", 9, "02"), ("T-3", 5, "03"), ("T-4", 1, "04")] {
            let answer = try await api.call(
                .post, "/survey-responses",
                body: APIHarness.response(["ticketId": ticket, "rating": rating, "receivedAt": "2026-11-18T\(hour):00:00Z",
                    "comment": "<script>alert('\(ticket)')</script>"]))
            #expect(answer.status == .created)
        }
    }

    @Test("fewer than two of rgid, date and tid is a 400 page saying which are needed", arguments: TestDatabase.allCases)
    func needsTwo(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let browser = PageClient(client: api.client)
            let page = try await browser.get(Self.link(LinkGrant(cpc: "alpha", tid: "T-1", expires: Self.expires)))
            #expect(page.status == .badRequest)
            #expect(page.html.contains("id=\"error\"") && page.html.contains("any two of rgid"))
        }
    }

    @Test("a signed link opens the dialog without a login; an altered, forged or expired one is a 403", arguments: TestDatabase.allCases)
    func signedLinks(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            try await Self.day(api)
            let browser = PageClient(client: api.client)
            let grant = LinkGrant(cpc: "alpha", rgid: "TEAM", date: "2026-11-18", tid: "T-1", expires: Self.expires)
            let good = try await browser.get(Self.link(grant))
            #expect(good.status == .ok)
            #expect(good.html.contains("data-field=\"ticket\">T-1<"))
            #expect(good.input("author") == "Lee Lead", "opened from a response's pencil: the Support Lead")
            #expect(!good.html.contains("<script>alert") && good.html.contains("&lt;script&gt;alert"))
            #expect(good.html.contains("id=\"save-previous\" name=\"go\" value=\"previous\" type=\"submit\" disabled"))
            #expect(good.html.contains("id=\"save-next\" name=\"go\" value=\"next\" type=\"submit\" disabled"))

            let altered = Self.link(grant).replacingOccurrences(of: "tid=T-1", with: "tid=T-3")
            let expired = Self.link(LinkGrant(cpc: "alpha", rgid: "TEAM", tid: "T-1", expires: APIHarness.now.addingTimeInterval(-1)))
            let forged = "/service-recovery-notes?cpc=alpha&rgid=TEAM&tid=T-1&exp=\(Int(Self.expires.timeIntervalSince1970))&sig=AAAA"
            for uri in [altered, expired, forged] {
                let refused = try await browser.get(uri)
                #expect(refused.status == .forbidden, "\(uri)")
                #expect(refused.html.contains("invalid or has expired"))
            }
            // Without a link or a login: to the login page, and back afterwards.
            let anonymous = try await browser.get("/service-recovery-notes?cpc=alpha&rgid=TEAM&tid=T-1")
            #expect(anonymous.status == .seeOther && anonymous.location?.hasPrefix("/login?cpc=alpha&next=") == true)
        }
    }

    @Test("saving: CSRF required, empty notes save nothing, an empty name is refused with the form kept", arguments: TestDatabase.allCases)
    func saving(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            try await Self.day(api)
            let browser = PageClient(client: api.client)
            let uri = Self.link(LinkGrant(cpc: "alpha", rgid: "TEAM", date: "2026-11-18", expires: Self.expires))
            let first = try await browser.get(uri)
            #expect(first.html.contains("id=\"position\" class=\"position\">1 of 3<"), "the promoter T-2 is not walked")
            let hidden = ["cpc", "rgid", "date", "exp", "sig", "at"].map { ($0, first.input($0) ?? "") }
            let id = try #require(first.input("at"))

            let forged = try await browser.post("/service-recovery-notes", fields: hidden + [("author", "Eve"), ("text", "x"), ("go", "stay")])
            #expect(forged.status == .forbidden)
            let wrongToken = try await browser.post(
                "/service-recovery-notes", fields: hidden + [("csrf", "AAAA"), ("author", "Eve"), ("text", "x"), ("go", "stay")])
            #expect(wrongToken.status == .forbidden)

            let csrf = ("csrf", first.input("csrf") ?? "")
            let unnamed = try await browser.post(
                "/service-recovery-notes", fields: hidden + [csrf, ("author", "  "), ("spoke", "yes"), ("text", "Left a <b>message</b>"), ("go", "next")])
            #expect(unnamed.status == .unprocessableContent)
            #expect(unnamed.html.contains("id=\"form-error\""))
            #expect(unnamed.html.contains(">Left a &lt;b&gt;message&lt;/b&gt;</textarea>"), "the notes are kept as typed")
            #expect(unnamed.html.contains("value=\"yes\" checked"), "and the tick too")

            let empty = try await browser.post("/service-recovery-notes", fields: hidden + [csrf, ("author", "Lee"), ("text", "  "), ("go", "next")])
            #expect(empty.status == .seeOther)
            var notes = try await api.call(.get, "/survey-responses/\(id)/notes")
            #expect(notes.items.isEmpty, "nothing was saved by the refused and the empty posts")

            let saved = try await browser.post(
                "/service-recovery-notes",
                fields: hidden + [csrf, ("author", "<i>Lee</i>"), ("spoke", "yes"), ("text", "Called; refund issued"), ("go", "next")])
            #expect(saved.status == .seeOther)
            notes = try await api.call(.get, "/survey-responses/\(id)/notes")
            #expect(notes.items.map { $0["author"] as? String } == ["<i>Lee</i>"])
            #expect(notes.items.first?["spokeToCustomer"] as? Bool == true)

            let second = try await browser.get(try #require(saved.location))
            #expect(second.html.contains(">2 of 3<"))
            #expect(!second.html.contains("type=\"submit\" disabled>Save &amp; Previous"), "Previous is active on the second")
            let previous = try await browser.post(
                "/service-recovery-notes",
                fields: ["cpc", "rgid", "date", "exp", "sig", "at", "csrf"].map { ($0, second.input($0) ?? "") } + [("go", "previous")])
            let back = try await browser.get(try #require(previous.location))
            #expect(back.html.contains(">1 of 3<") && back.input("at") == id)
            #expect(back.html.contains("<span class=\"author\">&lt;i&gt;Lee&lt;/i&gt;</span>"))
            #expect(back.html.contains("<span class=\"spoke\">(Spoke? Yes)</span>"))
        }
    }
}
