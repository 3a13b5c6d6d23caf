import Foundation
import HTTPTypes
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import Testing

/// Who may open which page (SPEC §6), and the login itself.
@Suite struct PageRolesTests {
    static let password = "correct horse battery"

    /// A login for a contact; returns the contact's id.
    static func member(_ api: APIHarness, name: String, email: String, as credentials: InstanceProvisioning.Credentials? = nil) async throws -> String {
        let contact = try await api.contact(name, as: credentials)
        let user = try await api.call(
            .post, "/users", as: credentials, body: ["email": email, "role": "member", "contact": contact, "password": password])
        #expect(user.status == .created, "\(user.text)")
        return contact
    }

    @Test("an alertsOnly member opens their own groups' notes only and no report; another instance is a 404", arguments: TestDatabase.allCases)
    func alertsOnly(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let lead = try await api.structure()
            let ola = try await Self.member(api, name: "Ola Only", email: "ola@example.com")
            _ = try await api.call(
                .put, "/support-groups/TEAM", body: ["name": "Team", "lead": lead, "alsoAlerts": [["contact": ola, "access": "alertsOnly"]]])
            _ = try await api.call(.put, "/support-groups/OTHER", body: ["name": "Other", "lead": lead])
            _ = try await api.call(.post, "/survey-responses", body: APIHarness.response(["ticketId": "MINE"]))
            _ = try await api.call(.post, "/survey-responses", body: APIHarness.response(["ticketId": "THEIRS", "supportGroupCode": "OTHER"]))

            let browser = PageClient(client: api.client)
            let login = try await browser.login(cpc: "alpha", email: "ola@example.com", password: Self.password)
            #expect(login.status == .seeOther && browser.cookies["mg_session"] != nil)
            let mine = try await browser.get("/service-recovery-notes?cpc=alpha&rgid=TEAM&tid=MINE")
            #expect(mine.status == .ok && mine.input("author") == "Ola Only", "logged in: the default author is the person")
            let theirs = try await browser.get("/service-recovery-notes?cpc=alpha&rgid=OTHER&tid=THEIRS")
            #expect(theirs.status == .forbidden)
            let report = try await browser.get("/reports/survey-responses?cpc=alpha")
            #expect(report.status == .forbidden)
            let other = try await browser.get("/service-recovery-notes?cpc=bravo&rgid=TEAM&tid=MINE")
            #expect(other.status == .notFound)
            let otherReport = try await browser.get("/reports/survey-responses?cpc=bravo")
            #expect(otherReport.status == .notFound)

            // Logging out ends the session.
            let logoutPage = try await browser.get("/logout")
            let out = try await browser.post("/logout", fields: [("csrf", logoutPage.input("csrf") ?? "")])
            #expect(out.status == .seeOther)
            let after = try await browser.get("/service-recovery-notes?cpc=alpha&rgid=TEAM&tid=MINE")
            #expect(after.status == .seeOther, "back to the login page")
        }
    }

    @Test("a wrong password never creates a session, and repeated failures are slowed down", arguments: TestDatabase.allCases)
    func wrongPassword(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            _ = try await api.structure()
            _ = try await Self.member(api, name: "Dana Dash", email: "dana@example.com")
            let browser = PageClient(client: api.client)
            for attempt in 1...10 {
                let wrong = try await browser.login(cpc: "alpha", email: "dana@example.com", password: "wrong password \(attempt)")
                #expect(wrong.status == .unauthorized)
                #expect(wrong.html.contains("is wrong"))
                #expect(browser.cookies["mg_session"] == nil)
            }
            let unknown = try await browser.login(cpc: "alpha", email: "nobody@example.com", password: Self.password)
            #expect(unknown.status == .unauthorized && browser.cookies["mg_session"] == nil)
            let crossInstance = try await browser.login(cpc: "bravo", email: "dana@example.com", password: Self.password)
            #expect(crossInstance.status == .unauthorized, "a login belongs to one instance")
            let limited = try await browser.login(cpc: "alpha", email: "dana@example.com", password: Self.password)
            #expect(limited.status == .tooManyRequests, "even the right password waits after 10 failures")
            #expect(browser.cookies["mg_session"] == nil)
            let noToken = try await browser.post(
                "/login", fields: [("cpc", "alpha"), ("email", "dana@example.com"), ("password", Self.password)])
            #expect(noToken.status == .forbidden, "the login form needs its CSRF token too")
        }
    }

    @Test("cookies are HttpOnly and SameSite=Lax, and Secure when the site is served over https")
    func cookieFlags() async throws {
        let https = SiteSettings(baseURL: URL(string: "https://makegood.example.com")!, secret: APIHarness.site.secret)
        for (site, secure) in [(APIHarness.site, false), (https, true)] {
            try await APIHarness.run(site: site) { api in
                let browser = PageClient(client: api.client)
                let form = try await browser.get("/login?cpc=alpha")
                let login = try await browser.post(
                    "/login",
                    fields: [("csrf", form.input("csrf") ?? ""), ("cpc", "alpha"), ("email", api.a.adminEmail),
                        ("password", api.a.adminPassword)])
                let cookies = form.headers[values: .setCookie] + login.headers[values: .setCookie]
                let session = try #require(cookies.first { $0.hasPrefix("mg_session=") })
                let csrf = try #require(cookies.first { $0.hasPrefix("mg_csrf=") })
                for cookie in [session, csrf] {
                    #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "\(cookie)")
                    #expect(cookie.contains("Secure") == secure, "\(cookie)")
                }
            }
        }
    }

    @Test("templates never print unescaped values")
    func templatesEscape() throws {
        let directory = sourceFile("Sources/MakegoodWeb/Templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        #expect(files.count >= 5)
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("{{{") && !text.contains("{{&") && !text.contains("CONTENT_TYPE"), "\(file)")
        }
    }
}

/// A file of the package, found from this test file's path.
func sourceFile(_ relative: String, from file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(relative)
}
