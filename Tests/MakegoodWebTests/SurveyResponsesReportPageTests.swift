import Foundation
import HTTPTypes
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import Testing

/// The Survey Responses Report (SPEC §4): every srn value gives exactly its rows, in HTML, CSV and PDF.
@Suite struct SurveyResponsesReportPageTests {
    /// (ticket, rating, notes as spoke flags) — threshold 6. Received one hour apart, R-1 first.
    static let fixture: [(String, Int, [Bool])] = [
        ("R-1", 3, []),  // needs recovery, no notes
        ("R-2", 3, [false]),  // needs recovery, never spoken
        ("R-3", 5, [false, true]),  // needs recovery, has spoken
        ("R-4", 8, []),  // passive, no notes
        ("R-5", 9, [false]),  // promoter, notes never spoken
        ("R-6", 10, [true]),  // promoter, spoken
    ]

    /// The rows each srn value shows, newest first.
    static let expected: [String: [String]] = [
        "n": ["R-6", "R-5", "R-4", "R-3", "R-2", "R-1"], "y": ["R-6", "R-5", "R-4", "R-3", "R-2", "R-1"],
        "r": ["R-3", "R-2", "R-1"], "x": ["R-1"], "w": ["R-6", "R-5", "R-3", "R-2"], "v": ["R-5", "R-2"], "s": ["R-6", "R-3"],
    ]

    static func seed(_ api: APIHarness) async throws {
        _ = try await api.structure()
        for (index, (ticket, rating, notes)) in fixture.enumerated() {
            let created = try await api.call(
                .post, "/survey-responses",
                body: APIHarness.response(["ticketId": ticket, "rating": rating, "receivedAt": "2026-11-18T0\(index):00:00Z",
                    "comment": "=HYPERLINK(\"http://evil.example\") \(ticket)"]))
            let id = try #require(created.object["id"] as? String)
            for spoke in notes {
                let note = try await api.call(
                    .post, "/survey-responses/\(id)/notes", body: ["author": "Lee", "spokeToCustomer": spoke, "text": "note on \(ticket)"])
                #expect(note.status == .created)
            }
        }
    }

    static func admin(_ api: APIHarness) async throws -> PageClient {
        let browser = PageClient(client: api.client)
        let login = try await browser.login(cpc: "alpha", email: api.a.adminEmail, password: api.a.adminPassword)
        #expect(login.status == .seeOther)
        return browser
    }

    @Test("each srn value gives exactly its rows in HTML, CSV and PDF", arguments: TestDatabase.allCases)
    func srnMatrix(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            try await Self.seed(api)
            let browser = try await Self.admin(api)
            let base = "/reports/survey-responses?cpc=alpha&from=2026-11-18&to=2026-11-18"
            for (srn, tickets) in Self.expected.sorted(by: { $0.key < $1.key }) {
                let html = try await browser.get(base + "&srn=\(srn)")
                #expect(html.status == .ok)
                #expect(html.tickets == tickets, "srn=\(srn) HTML")
                #expect(html.html.contains("class=\"pencil\"") == (srn != "n"), "srn=\(srn): pencils only when notes show")
                #expect(html.html.contains("note on R-") == (srn != "n" && tickets.contains { $0 != "R-1" && $0 != "R-4" }))

                let csv = try await browser.get(base + "&srn=\(srn)&format=csv")
                #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
                let lines = csv.html.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
                #expect(lines.map { $0.split(separator: ",")[2...].first { $0.hasPrefix("R-") }.map(String.init) ?? "" } == tickets,
                    "srn=\(srn) CSV")
                #expect(!csv.html.contains("\n=HYPERLINK") && !csv.html.contains(",=HYPERLINK") && csv.html.contains("'=HYPERLINK"),
                    "formulas are neutralised")

                let pdf = try await browser.get(base + "&srn=\(srn)&format=pdf")
                #expect(pdf.headers[.contentType] == "application/pdf")
                let text = try Self.pdftotext(pdf.bytes)
                for (ticket, _, _) in Self.fixture {
                    #expect(text.contains("Ticket \(ticket)") == tickets.contains(ticket), "srn=\(srn) PDF \(ticket)")
                }
            }
        }
    }

    @Test("combine=y takes a Department's Teams; min and max bound the rating", arguments: TestDatabase.allCases)
    func groupsAndRatings(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            try await Self.seed(api)
            let lead = try await api.contact()
            _ = try await api.call(.put, "/support-groups/DEPT", body: ["name": "Department", "lead": lead])
            _ = try await api.call(.put, "/support-groups/TEAM", body: ["name": "Team", "lead": lead, "department": "DEPT"])
            _ = try await api.call(
                .post, "/survey-responses",
                body: APIHarness.response(["ticketId": "D-1", "supportGroupCode": "DEPT", "receivedAt": "2026-11-18T07:00:00Z"]))
            let browser = try await Self.admin(api)
            let base = "/reports/survey-responses?cpc=alpha&from=2026-11-18&to=2026-11-18"
            #expect(try await browser.get(base + "&rgid=DEPT").tickets == ["D-1"])
            #expect(try await browser.get(base + "&rgid=DEPT&combine=y").tickets == ["D-1"] + Self.expected["n"]!)
            #expect(try await browser.get(base + "&rgid=TEAM&combine=y").tickets == Self.expected["n"]!)
            #expect(try await browser.get(base + "&min=3&max=5&rgid=TEAM").tickets == ["R-3", "R-2", "R-1"])
            #expect(try await browser.get(base + "&min=9").tickets == ["R-6", "R-5"])
            #expect(try await browser.get("/reports/survey-responses?cpc=alpha&from=2026-11-19&to=2026-11-30").tickets.isEmpty)
            let bad = try await browser.get(base + "&srn=q")
            #expect(bad.status == .badRequest && bad.html.contains("srn must be one of"))
            let rows = try await browser.get(base + "&rgid=TEAM")
            #expect(rows.html.contains("band-detractor") && rows.html.contains("band-passive") && rows.html.contains("band-promoter"))
        }
    }

    static func pdftotext(_ pdf: Data) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [file.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
