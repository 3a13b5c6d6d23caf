import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import Testing

/// The survey page a customer opens from an invitation (issue 22), behind the real router: what it records, what it
/// refuses and says, and that it never shows another instance's data.
@Suite struct SurveyPageTests {
    /// An invitation of instance A through the API; returns the survey page's URL (path and query).
    static func invite(_ api: APIHarness, ticket: String = "S-1", name: String = "<script>alert(1)</script>") async throws -> String {
        let answer = try await api.call(.post, "/survey-invitations", body: [
            "ticketId": ticket, "supportGroupCode": "TEAM", "segmentCode": "ENT",
            "customer": ["name": name, "email": "\(ticket.lower)@example.com"],
        ])
        #expect(answer.status == .created, "\(answer.text)")
        let text = try #require(answer.object["url"] as? String)
        let url = try #require(URL(string: text))
        return url.path + "?" + (url.query ?? "")
    }

    @Test("a click records the rating, the form adds factors and a comment; a bad rating or comment is refused and kept")
    func recordsAndRefuses() async throws {
        try await APIHarness.run { api in
            _ = try await api.structure()
            let page = PageClient(client: api.client)
            let link = try await Self.invite(api)
            let chosen = try await page.get(link + "&q1=3")
            #expect(chosen.status == .ok && chosen.html.contains("rating of 3 out of 10 is recorded"))
            #expect(chosen.html.contains("&lt;script&gt;") == false && !chosen.html.contains("<script>"), "the name is not on the page")
            #expect(try await api.call(.get, "/survey-responses").items.map { $0["rating"] as? Int } == [3])
            #expect(try await page.get(link + "&q1=11").status == .badRequest)

            let hidden = ["cpc", "i", "exp", "sig"].map { ($0, chosen.input($0) ?? "") }
            let missing = try await page.post("/survey", fields: hidden + [("comment", "kept")])
            #expect(missing.status == .unprocessableContent && missing.html.contains("Choose a rating") && missing.html.contains(">kept</textarea>"))
            let long = try await page.post("/survey", fields: hidden + [("q1", "4"), ("comment", String(repeating: "x", count: 10_001))])
            #expect(long.status == .unprocessableContent && long.html.contains("10,000"))
            let sent = try await page.post(
                "/survey", fields: hidden + [("q1", "4"), ("factors", "Speed"), ("factors", "Not a factor"), ("comment", "<b>slow</b>")])
            #expect(sent.status == .ok && sent.html.contains("Thank you"))
            let stored = try await api.call(.get, "/survey-responses").items
            #expect(stored.count == 1 && stored[0]["rating"] as? Int == 4 && stored[0]["factors"] as? [String] == ["Speed"])
            #expect(stored[0]["comment"] as? String == "<b>slow</b>")
            // A later click on another rating in the email changes the rating only.
            #expect(try await page.get(link + "&q1=6").status == .ok)
            let changed = try await api.call(.get, "/survey-responses").items
            #expect(changed.count == 1 && changed[0]["rating"] as? Int == 6 && changed[0]["comment"] as? String == "<b>slow</b>")
            #expect(changed[0]["factors"] as? [String] == ["Speed"])
        }
    }

    @Test("a changed, foreign or expired link is refused with a page that says so")
    func refusesBadLinks() async throws {
        try await APIHarness.run { api in
            _ = try await api.structure()
            let page = PageClient(client: api.client)
            let link = try await Self.invite(api)
            #expect(try await page.get(link).status == .ok)
            let tampered = try await page.get(link.replacingOccurrences(of: "sig=", with: "sig=x"))
            #expect(tampered.status == .forbidden && tampered.html.contains("survey link is not valid"))
            let foreign = try await page.get(link.replacingOccurrences(of: "cpc=alpha", with: "cpc=bravo"))
            #expect(foreign.status == .forbidden && !foreign.html.contains("S-1"))
            #expect(try await page.get("/survey?cpc=alpha").status == .forbidden)
            // An expiry no link could carry is refused, not a crash.
            let huge = link.replacingOccurrences(of: #"exp=\d+"#, with: "exp=9223372036854775807", options: .regularExpression)
            #expect(huge != link)
            #expect(try await page.get(huge + "&q1=3").status == .forbidden)
            let dialog = try await page.get("/service-recovery-notes?cpc=alpha&rgid=TEAM&date=2026-11-28&exp=9223372036854775807&sig=AA")
            #expect(dialog.status == .forbidden)
            #expect(try await page.post("/survey", fields: [("cpc", "alpha"), ("q1", "3")]).status == .forbidden)

            // 31 days on, the same link has closed.
            let later = try buildRouter(store: api.store, site: APIHarness.site, now: { APIHarness.now.addingTimeInterval(31 * 86_400) })
            try await Application(router: later).test(.router) { client in
                let closed = try await PageClient(client: client).get(link + "&q1=5")
                #expect(closed.status == .gone && closed.html.contains("This survey has closed"))
            }
            #expect(try await api.call(.get, "/survey-responses").items.isEmpty)
        }
    }

    @Test("unsubscribing: the GET asks, the POST (a button or a mail client's one-click) does it, for that instance only")
    func unsubscribes() async throws {
        try await APIHarness.run { api in
            _ = try await api.structure()
            let link = try await Self.invite(api)
            let query = try #require(link.split(separator: "?").last).split(separator: "&").filter { !$0.hasPrefix("exp=") && !$0.hasPrefix("sig=") }
            // The unsubscribe link is signed apart; the email carries it. Read it from the outbox.
            let emails = try await api.store.write { try await $0.outbox.claimDue(now: APIHarness.now, limit: 10, lease: 60) }
            let unsubscribe = try #require(emails.first?.listUnsubscribe.flatMap(URL.init(string:)))
            let path = unsubscribe.path + "?" + (unsubscribe.query ?? "")
            #expect(query.contains { $0.hasPrefix("i=") } && path.contains("/survey/unsubscribe?"))
            let page = PageClient(client: api.client)
            let asked = try await page.get(path)
            #expect(asked.status == .ok && asked.html.contains("Unsubscribe from surveys") && asked.html.contains("s-1@example.com"))
            let next = try await api.call(.post, "/survey-invitations", body: ["ticketId": "S-2", "customer": ["email": "S-1@example.com"]])
            #expect(next.object["skipped"] as? String == "quietPeriod", "a GET unsubscribed nobody")
            let done = try await page.post(path, fields: [("List-Unsubscribe", "One-Click")])
            #expect(done.status == .ok && done.html.contains("You are unsubscribed"))
            let later = try await api.call(.post, "/survey-invitations", body: ["ticketId": "S-3", "customer": ["email": "s-1@EXAMPLE.com"]])
            #expect(later.object["skipped"] as? String == "unsubscribed" && later.object["url"] == nil)
            let elsewhere = try await api.call(.post, "/survey-invitations", as: api.b, body: ["ticketId": "S-3", "customer": ["email": "s-1@example.com"]])
            #expect(elsewhere.object["status"] as? String == "queued")
        }
    }
}

extension String {
    fileprivate var lower: String { lowercased() }
}
