import Foundation
import HTTPTypes
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import Testing

/// A logged-in person who opens a page without `cpc` lands on the same page of their own instance (the session names it).
@Suite struct OwnInstanceRedirectTests {
    @Test("/portal, /dashboards and the report without cpc go to the visitor's own instance, keeping the rest of the query")
    func loggedInLandOnTheirInstance() async throws {
        try await APIHarness.run { api in
            let browser = PageClient(client: api.client)
            #expect(try await browser.login(cpc: "alpha", email: api.a.adminEmail, password: api.a.adminPassword).status == .seeOther)
            for (uri, expected) in [
                ("/portal", "/portal?cpc=alpha"), ("/portal/groups", "/portal/groups?cpc=alpha"), ("//portal", "/portal?cpc=alpha"),
                ("/dashboards?dashid=SRES", "/dashboards?cpc=alpha&dashid=SRES"), ("/dashboards?cpc=&dashid=SRP", "/dashboards?cpc=alpha&dashid=SRP"),
                ("/reports/survey-responses?srn=r&rgid=A%2BB", "/reports/survey-responses?cpc=alpha&srn=r&rgid=A%2BB"),
            ] {
                let page = try await browser.get(uri)
                #expect(page.status == .seeOther && page.location == expected, "\(uri) → \(page.location ?? "")")
                #expect(try await browser.get(expected).status == .ok, "\(expected)")
            }
        }
    }

    @Test("without a login a page without cpc is still a 400 saying what is missing")
    func anonymousStill400() async throws {
        try await APIHarness.run { api in
            for uri in ["/portal", "/dashboards?dashid=SRES", "/reports/survey-responses"] {
                let page = try await PageClient(client: api.client).get(uri)
                #expect(page.status == .badRequest && page.html.contains("needs cpc"), "\(uri)")
            }
        }
    }
}
