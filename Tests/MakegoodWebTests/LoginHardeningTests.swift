import Foundation
import HTTPTypes
import HummingbirdTesting
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import NIOCore
import Testing

/// The login against an attacker: parallel guesses, many accounts from one client, stale sessions and forms.
@Suite struct LoginHardeningTests {
    static let password = PageRolesTests.password

    @Test("50 wrong passwords at once get at most 10 checked; the rest are 429", arguments: TestDatabase.allCases)
    func burstOfGuesses(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            _ = try await api.structure()
            _ = try await PageRolesTests.member(api, name: "Dana Dash", email: "dana@example.com")
            let form = try await PageClient(client: api.client).get("/login?cpc=alpha")
            let csrf = try #require(form.input("csrf"))
            let cookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("mg_csrf=") }?.split(separator: ";").first)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for attempt in 0..<50 {
                    group.addTask {
                        let body = "csrf=\(csrf)&cpc=alpha&email=dana%40example.com&password=wrong\(attempt)"
                        let response = try await api.client.execute(
                            uri: "/login", method: .post,
                            headers: [.cookie: String(cookie), .contentType: "application/x-www-form-urlencoded"],
                            body: ByteBuffer(string: body))
                        return response.status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 10, "exactly the limit is checked: \(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 40)
            let right = try await PageClient(client: api.client).login(cpc: "alpha", email: "dana@example.com", password: Self.password)
            #expect(right.status == .tooManyRequests, "and the right password waits too")
        }
    }

    @Test("one client address trying many logins is stopped after 50 failures; another address is not")
    func manyAccountsFromOneAddress() async throws {
        let site = SiteSettings(baseURL: APIHarness.site.baseURL, secret: APIHarness.site.secret, clientAddressHeader: "X-Forwarded-For")
        try await APIHarness.run(site: site) { api in
            let attacker = PageClient(client: api.client)
            attacker.extraHeaders[HTTPField.Name("X-Forwarded-For")!] = "198.51.100.1, 203.0.113.9"
            for index in 0..<50 {
                let wrong = try await attacker.login(cpc: "alpha", email: "person\(index)@example.com", password: "guess")
                #expect(wrong.status == .unauthorized)
            }
            let stopped = try await attacker.login(cpc: "alpha", email: "someone-else@example.com", password: "guess")
            #expect(stopped.status == .tooManyRequests && stopped.html.contains("from your network"))
            // The proxy's own entry is the last one; what the client put before it is not trusted.
            let sameClient = PageClient(client: api.client)
            sameClient.extraHeaders[HTTPField.Name("X-Forwarded-For")!] = "192.0.2.77, 203.0.113.9"
            #expect(try await sameClient.login(cpc: "alpha", email: api.a.adminEmail, password: api.a.adminPassword).status == .tooManyRequests)
            let other = PageClient(client: api.client)
            other.extraHeaders[HTTPField.Name("X-Forwarded-For")!] = "203.0.113.10"
            #expect(try await other.login(cpc: "alpha", email: api.a.adminEmail, password: api.a.adminPassword).status == .seeOther)
        }
    }

    @Test("changing a password ends the person's other sessions and keeps this one", arguments: TestDatabase.allCases)
    func passwordChangeEndsOtherSessions(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let laptop = PageClient(client: api.client)
            let phone = PageClient(client: api.client)
            for browser in [laptop, phone] {
                #expect(try await browser.login(cpc: "alpha", email: api.a.adminEmail, password: api.a.adminPassword).status == .seeOther)
                #expect(try await browser.get("/portal?cpc=alpha").status == .ok)
            }
            let page = try await laptop.get("/account/password")
            let changed = try await laptop.post(
                "/account/password",
                fields: [("csrf", page.input("csrf") ?? ""), ("current", api.a.adminPassword), ("password", "a new long password"),
                    ("confirm", "a new long password")])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get("/portal?cpc=alpha").status == .ok, "the browser that changed it stays logged in")
            #expect(try await phone.get("/portal?cpc=alpha").status == .seeOther, "the other session is over: back to the login")
            #expect(try await phone.login(cpc: "alpha", email: api.a.adminEmail, password: "a new long password").status == .seeOther)
        }
    }

    @Test("a form token is bound to the session: one from before the login is refused after it")
    func csrfBoundToSession() async throws {
        try await APIHarness.run { api in
            let browser = PageClient(client: api.client)
            let before = try await browser.get("/logout")
            let csrfBefore = try #require(browser.cookies["mg_csrf"])
            #expect(try await browser.login(cpc: "alpha", email: api.a.adminEmail, password: api.a.adminPassword).status == .seeOther)
            #expect(browser.cookies["mg_csrf"] != csrfBefore, "the CSRF value is replaced at login")
            let stale = try await browser.post("/logout", fields: [("csrf", before.input("csrf") ?? "")])
            #expect(stale.status == .forbidden)
            #expect(try await browser.get("/portal?cpc=alpha").status == .ok, "still logged in")
            let fresh = try await browser.get("/logout")
            #expect(try await browser.post("/logout", fields: [("csrf", fresh.input("csrf") ?? "")]).status == .seeOther)
        }
    }

    @Test("a form token of one session is refused in another, even with the same CSRF cookie")
    func csrfTokenOfAnotherSession() async throws {
        try await APIHarness.run { api in
            let first = PageClient(client: api.client)
            let second = PageClient(client: api.client)
            for browser in [first, second] {
                #expect(try await browser.login(cpc: "alpha", email: api.a.adminEmail, password: api.a.adminPassword).status == .seeOther)
            }
            let form = try await first.get("/logout")
            second.setCookie("mg_csrf", try #require(first.cookies["mg_csrf"]))
            let replayed = try await second.post("/logout", fields: [("csrf", form.input("csrf") ?? "")])
            #expect(replayed.status == .forbidden, "the token names the first session")
            #expect(try await second.get("/portal?cpc=alpha").status == .ok)
        }
    }

    @Test("a login's next leads only to this site")
    func nextStaysOnSite() async throws {
        try await APIHarness.run { api in
            for (next, expected) in [("/portal?cpc=alpha", "/portal?cpc=alpha"), ("/\t/evil.example", "/"), ("/\\evil.example", "/")] {
                let browser = PageClient(client: api.client)
                let form = try await browser.get("/login?cpc=alpha")
                let login = try await browser.post(
                    "/login",
                    fields: [("csrf", form.input("csrf") ?? ""), ("cpc", "alpha"), ("email", api.a.adminEmail),
                        ("password", api.a.adminPassword), ("next", next)])
                #expect(login.location == expected, "\(next)")
            }
        }
    }

    @Test("the home page names no other instance, even one where the same email has a login")
    func homeNamesNoOtherInstance() async throws {
        try await APIHarness.run { api in
            let user = try await api.call(
                .post, "/users", as: api.b, body: ["email": api.a.adminEmail, "role": "member", "password": Self.password])
            #expect(user.status == .created)
            let browser = PageClient(client: api.client)
            #expect(try await browser.login(cpc: "alpha", email: api.a.adminEmail, password: api.a.adminPassword).status == .seeOther)
            let home = try await browser.get("/")
            #expect(home.status == .ok && home.html.contains("Alpha"))
            #expect(!home.html.contains("Bravo") && !home.html.contains("bravo"))
        }
    }

    @Test("an oversized form is a 413 page that says so")
    func oversizedForm() async throws {
        try await APIHarness.run { api in
            let browser = PageClient(client: api.client)
            let form = try await browser.get("/login?cpc=alpha")
            let huge = try await browser.post(
                "/login", fields: [("csrf", form.input("csrf") ?? ""), ("cpc", "alpha"), ("password", String(repeating: "x", count: 2 << 20))])
            #expect(huge.status == .contentTooLarge)
            #expect(huge.html.contains("too large"))
        }
    }

    @Test("over https every answer carries HSTS; over http none does")
    func strictTransportSecurity() async throws {
        let https = SiteSettings(baseURL: URL(string: "https://makegood.example.com")!, secret: APIHarness.site.secret)
        for (site, expected) in [(https, "max-age=31536000"), (APIHarness.site, nil)] {
            try await APIHarness.run(site: site) { api in
                for uri in ["/login", "/health", "/api/v1/preferences", "/no-such-page", "/api/v1/no-such-route"] {
                    let page = try await PageClient(client: api.client).get(uri)
                    #expect(page.headers[.strictTransportSecurity] == expected, "\(uri)")
                }
            }
        }
    }
}
