import Foundation
import HTTPTypes
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import Testing

/// `/api/v1/cases` (issue 21): the list and its filters, one case with its history, and working it with a note;
/// another instance's token finds nothing.
@Suite struct CaseAPITests {
    /// The four responses of `NotesDialogPageTests.day` (T-1, T-3 and T-4 need recovery) alerted at 09:00 in Sydney on
    /// the 19th, so due on the 20th: all overdue at the harness's clock. Returns the case ids by ticket.
    static func alerted(_ api: APIHarness) async throws -> [String: String] {
        try await NotesDialogPageTests.day(api)
        let instance = try #require(try await api.store.read { try await $0.instances.find(cpc: "alpha") })
        let responses = try await api.call(.get, "/survey-responses?srn=r")
        let ids = responses.items.compactMap { ($0["id"] as? String).flatMap(UUID.init(uuidString:)) }
        let alert = RFC3339.parse("2026-11-18T22:00:00Z")!
        try await api.store.write { try await $0.scoped(to: instance.id).responses.markAlerted(ids, run: "run-1", at: alert, targetHours: 24) }
        let cases = try await api.call(.get, "/cases")
        return Dictionary(uniqueKeysWithValues: cases.items.map { ($0["ticketId"] as! String, $0["id"] as! String) })
    }

    @Test("list, filter, page; one case with its history; close it with a note; reopen", arguments: TestDatabase.allCases)
    func workACase(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let ids = try await Self.alerted(api)
            #expect(ids.keys.sorted() == ["T-1", "T-3", "T-4"])

            let list = try await api.call(.get, "/cases?state=open&overdue=true")
            #expect(list.status == .ok)
            #expect(Set(list.items.compactMap { $0["ticketId"] as? String }) == ["T-1", "T-3", "T-4"])
            #expect(list.items.allSatisfy { $0["overdue"] as? Bool == true && $0["state"] as? String == "open" && $0["events"] == nil })
            #expect(list.items.first?["dueAt"] as? String == "2026-11-19T22:00:00Z")
            #expect(try await api.call(.get, "/cases?overdue=false").items.isEmpty)
            #expect(try await api.call(.get, "/cases?rgid=OTHER").items.isEmpty)
            #expect(try await api.call(.get, "/cases?from=2026-11-19&to=2026-11-19").items.count == 3, "alerted on the 19th, Sydney time")
            #expect(try await api.call(.get, "/cases?to=2026-11-18").items.isEmpty)

            let firstPage = try await api.call(.get, "/cases?limit=2")
            let next = try #require(firstPage.object["next"] as? String)
            let secondPage = try await api.call(.get, "/cases?limit=2&cursor=\(next)")
            #expect((firstPage.items + secondPage.items).compactMap { $0["id"] as? String } == list.items.compactMap { $0["id"] as? String })
            #expect(secondPage.object["next"] == nil || secondPage.object["next"] is NSNull)

            let lead = try #require(list.items.first?["owner"] as? String)
            #expect(try await api.call(.get, "/cases?owner=\(lead)").items.count == 3)
            #expect(try await api.call(.get, "/cases?owner=\(UUID().uuidString)").items.isEmpty)

            let id = try #require(ids["T-1"])
            let one = try await api.call(.get, "/cases/\(id)")
            #expect(one.status == .ok && one.object["state"] as? String == "open")
            #expect((one.object["events"] as? [[String: Any]])?.map { $0["change"] as? String } == ["opened"])

            let noNote = try await api.call(.patch, "/cases/\(id)", body: ["resolution": "recovered"])
            #expect(noNote.status == .unprocessableContent)
            #expect((noNote.error?["message"] as? String)?.contains("Closing a case needs a note") == true)

            let note: [String: Any] = ["author": "Lee", "spokeToCustomer": true, "text": "Called, refunded"]
            let closed = try await api.call(.patch, "/cases/\(id)", body: ["resolution": "recovered", "note": note])
            #expect(closed.status == .ok, "\(closed.text)")
            #expect(closed.object["state"] as? String == "closed" && closed.object["resolution"] as? String == "recovered")
            #expect((closed.object["events"] as? [[String: Any]])?.map { $0["change"] as? String } == ["opened", "contacted", "closed"])
            #expect((closed.object["events"] as? [[String: Any]])?.last?["by"] as? String == "Lee")
            #expect(try await api.call(.get, "/survey-responses/\(closed.object["responseId"] as! String)/notes").items.count == 1)
            #expect(try await api.call(.get, "/cases?state=closed").items.map { $0["id"] as? String } == [id])

            let twice = try await api.call(.patch, "/cases/\(id)", body: ["resolution": "notRecovered", "note": note])
            #expect(twice.status == .conflict)
            let reopened = try await api.call(.patch, "/cases/\(id)", body: ["reopen": true])
            #expect(reopened.status == .ok && reopened.object["state"] as? String == "contacted")
            #expect((reopened.object["events"] as? [[String: Any]])?.last?["by"] as? String == "API")

            let stranger = try await api.call(.patch, "/cases/\(id)", body: ["owner": UUID().uuidString])
            #expect(stranger.status == .conflict && stranger.error?["field"] as? String == "owner")
            #expect(try await api.call(.patch, "/cases/\(id)", body: [String: Any]()).status == .badRequest)
            #expect(try await api.call(.patch, "/cases/\(id)", body: ["state": "closed"]).status == .badRequest)
        }
    }

    @Test("the SRP dashboard's case measures follow what the API did", arguments: TestDatabase.allCases)
    func srpMeasures(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let ids = try await Self.alerted(api)
            let note: [String: Any] = ["author": "Lee", "spokeToCustomer": true, "text": "Called, refunded"]
            #expect(try await api.call(.patch, "/cases/\(ids["T-1"]!)", body: ["resolution": "recovered", "note": note]).status == .ok)
            #expect(try await api.call(.patch, "/cases/\(ids["T-3"]!)", body: ["note": note]).status == .ok)
            let browser = try await SurveyResponsesReportPageTests.admin(api)
            let page = try await browser.get("/dashboards?cpc=alpha&dashid=SRP&from=2026-11-16&to=2026-11-22")
            #expect(page.status == .ok)
            // T-3 contacted (open, not overdue), T-4 open and overdue, T-1 closed recovered (an hour's minutes to close).
            let row = "<td class=\"name\">Team (TEAM)</td><td class=\"open\">2</td><td class=\"overdue\">1</td><td class=\"closed\">1</td>"
                + "<td class=\"res-recovered\">1</td><td class=\"res-not-recovered\">0</td><td class=\"res-unreachable\">0</td>"
                + "<td class=\"res-no-action\">0</td><td class=\"recovered-share\">100%</td><td class=\"median-close\">266</td>"
            #expect(page.html.contains(row), "\(page.html)")
        }
    }

    @Test("the report and SRES show State and Owner, filter by state, and their CSVs carry both", arguments: TestDatabase.allCases)
    func reportColumns(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let ids = try await Self.alerted(api)
            let note: [String: Any] = ["author": "Lee", "spokeToCustomer": true, "text": "Called, refunded"]
            #expect(try await api.call(.patch, "/cases/\(ids["T-1"]!)", body: ["resolution": "recovered", "note": note]).status == .ok)
            let browser = try await SurveyResponsesReportPageTests.admin(api)
            let report = "/reports/survey-responses?cpc=alpha&from=2026-11-18&to=2026-11-18"
            let closed = try await browser.get(report + "&state=closed")
            #expect(closed.status == .ok)
            #expect(closed.html.contains("data-ticket=\"T-1\"") && !closed.html.contains("data-ticket=\"T-3\""))
            #expect(closed.html.contains("<td class=\"case-state\">Closed: recovered</td><td class=\"case-owner\">Lee Lead</td>"))
            let all = try await browser.get(report)
            #expect(all.html.contains("data-ticket=\"T-2\"") && all.html.contains("<td class=\"case-state\"></td>"), "T-2 was never a case")
            let csv = try await browser.get(report + "&state=open&format=csv")
            let lines = csv.html.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first?.hasSuffix("Comment,State,Owner") == true)
            #expect(lines.count == 3 && lines.dropFirst().allSatisfy { $0.hasSuffix(",Open,Lee Lead") }, "\(csv.html)")
            #expect(try await browser.get(report + "&state=won").status == .badRequest)

            let sres = "/dashboards?cpc=alpha&dashid=SRES&from=2026-11-18&to=2026-11-18"
            let open = try await browser.get(sres + "&state=open")
            #expect(open.html.contains("data-ticket=\"T-3\"") && !open.html.contains("data-ticket=\"T-1\""))
            #expect(open.html.contains("<option value=\"open\" selected>Open</option>"))
            #expect(open.html.contains("<td class=\"case-state\">Open</td><td class=\"case-owner\">Lee Lead</td>"))
            #expect(open.html.contains("state=open&amp;sort=") || open.html.contains("state=open&sort="), "sorting keeps the filter")
            let sresCSV = try await browser.get(sres + "&state=closed&format=csv")
            #expect(sresCSV.html.contains("Latest SR note at,State,Owner") && sresCSV.html.contains("Closed: recovered,Lee Lead"))
        }
    }

    @Test("another instance's token gets 404 for a case and an empty list; a bad id or cursor is a clear error", arguments: TestDatabase.allCases)
    func isolation(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let ids = try await Self.alerted(api)
            let id = try #require(ids["T-1"])
            #expect(try await api.call(.get, "/cases/\(id)", as: api.b).status == .notFound)
            #expect(try await api.call(.patch, "/cases/\(id)", as: api.b, body: ["reopen": true]).status == .notFound)
            #expect(try await api.call(.get, "/cases", as: api.b).items.isEmpty)
            #expect(try await api.call(.get, "/cases/not-a-uuid").status == .notFound)
            let cursor = try await api.call(.get, "/cases?cursor=abc")
            #expect(cursor.status == .badRequest && cursor.error?["field"] as? String == "cursor")
            #expect(try await api.call(.get, "/cases?state=lost").status == .badRequest)
            #expect(try await api.call(.get, "/cases?limit=0").status == .badRequest)
        }
    }
}
