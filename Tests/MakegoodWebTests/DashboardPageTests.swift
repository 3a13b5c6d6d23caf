import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import Testing

/// The SRES and SRP dashboards (SPEC §5) through the real router.
@Suite struct DashboardPageTests {
    typealias Report = SurveyResponsesReportPageTests
    static let sres = "/dashboards?cpc=alpha&dashid=SRES&from=2026-11-18&to=2026-11-18"

    @Test("each ServiceRecoveryNotes setting shows exactly its rows; the latest note is in Comments and SR", arguments: TestDatabase.allCases)
    func noteFilters(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            try await Report.seed(api)
            let browser = try await Report.admin(api)
            for srn in ["", "r", "x", "w", "v", "s"] {
                let page = try await browser.get(Self.sres + "&srn=\(srn)")
                #expect(page.status == .ok)
                #expect(page.tickets == Report.expected[srn.isEmpty ? "y" : srn], "ServiceRecoveryNotes=\(srn)")
            }
            let page = try await browser.get(Self.sres)
            #expect(page.html.contains("SR note (Lee): note on R-6"), "the latest note is appended to the comments")
            #expect(page.html.contains("✎ 2026-11-30"), "SR shows the latest note's date")
            #expect(page.html.contains("✎ Add note"))
            #expect(!page.html.contains("=HYPERLINK(\"") && page.html.contains("=HYPERLINK(&quot;"), "customer text is escaped")
        }
    }

    @Test("sorting and paging keep the filters; the CSV is the whole view", arguments: TestDatabase.allCases)
    func sortAndPage(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            _ = try await api.structure()
            for index in 0..<60 {
                _ = try await api.call(
                    .post, "/survey-responses",
                    body: APIHarness.response([
                        "ticketId": String(format: "P-%02d", index), "rating": index % 10 + 1,
                        "receivedAt": String(format: "2026-11-18T%02d:%02d:00Z", index / 60, index % 60),
                    ]))
            }
            let browser = try await Report.admin(api)
            let first = try await browser.get(Self.sres + "&srn=r&sort=rating&dir=asc")
            #expect(first.html.contains("36 responses") && first.html.contains("Page 1 of 1"))
            #expect(first.tickets.count == 36 && first.tickets.first == "P-50", "ratings ascending, newest first within a rating")
            let all = try await browser.get(Self.sres + "&sort=rating&dir=desc")
            #expect(all.tickets.count == 50 && all.html.contains("Page 1 of 2") && all.tickets.first == "P-59")
            let next = try #require(all.html.range(of: "id=\"next-page\" href=\"").map { all.html[$0.upperBound...] })
            let nextURL = PageClient.Page.unescape(String(next.prefix { $0 != "\"" }))
            #expect(nextURL.contains("sort=rating") && nextURL.contains("dir=desc") && nextURL.contains("from=2026-11-18") && nextURL.contains("page=2"))
            let second = try await browser.get(nextURL)
            #expect(second.tickets.count == 10 && second.html.contains("Page 2 of 2"))
            #expect(Set(all.tickets).isDisjoint(with: second.tickets))
            let csv = try await browser.get(Self.sres + "&sort=rating&dir=desc&format=csv")
            #expect(csv.html.components(separatedBy: "\r\n").filter { $0.contains("P-") }.count == 60)
            let bad = try await browser.get(Self.sres + "&sort=colour")
            #expect(bad.status == .badRequest && bad.html.contains("sort must be one of"))
        }
    }

    @Test("SRP: figures per group and Department, and a valid SVG with a point per week", arguments: TestDatabase.allCases)
    func srp(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            try await Report.seed(api)
            let browser = try await Report.admin(api)
            let page = try await browser.get("/dashboards?cpc=alpha&dashid=SRP&from=2026-11-02&to=2026-11-29")
            #expect(page.status == .ok)
            #expect(page.html.contains("<td class=\"name\">Team (TEAM)</td><td class=\"needing\">3</td><td class=\"with-note\">2</td><td class=\"spoken\">1</td>"))
            let svg = try await browser.get("/dashboards/srp-trend.svg?cpc=alpha&from=2026-11-02&to=2026-11-29&metric=hours")
            #expect(svg.headers[.contentType]?.hasPrefix("image/svg+xml") == true)
            let parser = XMLParser(data: svg.bytes)
            let points = PointCounter()
            parser.delegate = points
            #expect(parser.parse())
            #expect(points.count == 4, "four weeks from 2 to 29 November")
        }
    }

    @Test("an alertsOnly member and another instance's user are refused", arguments: TestDatabase.allCases)
    func roles(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let lead = try await api.structure()
            let ola = try await PageRolesTests.member(api, name: "Ola Only", email: "ola@example.com")
            _ = try await api.call(
                .put, "/support-groups/TEAM", body: ["name": "Team", "lead": lead, "alsoAlerts": [["contact": ola, "access": "alertsOnly"]]])
            let browser = PageClient(client: api.client)
            _ = try await browser.login(cpc: "alpha", email: "ola@example.com", password: PageRolesTests.password)
            for uri in [Self.sres, "/dashboards?cpc=alpha&dashid=SRP", "/dashboards/srp-trend.svg?cpc=alpha"] {
                #expect(try await browser.get(uri).status == .forbidden, "\(uri)")
            }
            let admin = try await Report.admin(api)
            for uri in ["/dashboards?cpc=bravo&dashid=SRES", "/dashboards?cpc=bravo&dashid=SRP", "/dashboards/srp-trend.svg?cpc=bravo"] {
                #expect(try await admin.get(uri).status == .notFound, "\(uri)")
            }
            let anonymous = PageClient(client: api.client)
            #expect(try await anonymous.get(Self.sres).status == .seeOther)
        }
    }

    final class PointCounter: NSObject, XMLParserDelegate {
        var count = 0
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            if name == "g", attributes["class"] == "point" { count += 1 }
        }
    }
}
