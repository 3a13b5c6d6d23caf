import Foundation
import MakegoodDomain
import MakegoodReports
import Testing

/// A ticket id is customer-supplied text that ends up inside every link of a report (the ticket link and the pencils'
/// `tid`); whatever it holds, each link annotation must stay a URI action to exactly the URL meant.
@Suite struct PDFLinkAnnotationTests {
    static let hostileTickets = [
        "T-1) /S /JavaScript /JS (app.alert(1)", "T-2\\) >> /A << /S /Launch /F (calc.exe", "T-3' uri='https://evil.example",
        "T 4\t(日本)\n", "T-5%29",
    ]

    /// The report with one response a hostile ticket, its ticket link as `Preferences.ticketURL` makes it and its pencil
    /// as a signed link puts `tid` in a query.
    static func report() throws -> ServiceRecoveryReport {
        let preferences = try Preferences(timezone: TimeZone(identifier: "UTC")!, ticketUrlPrefix: "https://help.example.com/t/")
        let items = hostileTickets.enumerated().map { index, ticket in
            ServiceRecoveryReport.Item(
                received: "18 Nov 2026 at 10:00 AM", customer: "Customer", segment: nil, agent: "Ann", group: "Billing", ticketId: ticket,
                ticketURL: preferences.ticketURL(for: ticket),
                factors: [], rating: 2, band: NPSBand(rating: 2), verbatim: "v",
                notesURL: "https://mg.example.com/service-recovery-notes?cpc=acme&tid=\(ticket)&sig=s\(index)")
        }
        return ServiceRecoveryReport(
            recipientName: "Lee", instanceName: "Acme", period: "p", allNotesURL: "https://mg.example.com/n?cpc=acme&sig=all", items: items)
    }

    @Test func everyAnnotationIsAURIActionToTheEncodedURL() throws {
        let pdf = try ServiceRecoveryReportPDF.render(try Self.report())
        let raw = String(decoding: pdf, as: UTF8.self)
        let uris = PDFStrings.values(after: "/URI ", in: raw)
        let expected: Set<String> = [
            "https://mg.example.com/n?cpc=acme&sig=all",
            "https://help.example.com/t/T-1%29%20/S%20/JavaScript%20/JS%20%28app.alert%281%29",
            "https://mg.example.com/service-recovery-notes?cpc=acme&tid=T-1%29%20/S%20/JavaScript%20/JS%20%28app.alert%281%29&sig=s0",
            "https://help.example.com/t/T-2%5C%29%20%3E%3E%20/A%20%3C%3C%20/S%20/Launch%20/F%20%28calc.exe",
            "https://mg.example.com/service-recovery-notes?cpc=acme&tid=T-2%5C%29%20%3E%3E%20/A%20%3C%3C%20/S%20/Launch%20/F%20%28calc.exe&sig=s1",
            "https://help.example.com/t/T-3%27%20uri=%27https%3A//evil.example",
            "https://mg.example.com/service-recovery-notes?cpc=acme&tid=T-3%27%20uri=%27https://evil.example&sig=s2",
            "https://help.example.com/t/T%204%09%28%E6%97%A5%E6%9C%AC%29%0A",
            "https://mg.example.com/service-recovery-notes?cpc=acme&tid=T%204%09%28%E6%97%A5%E6%9C%AC%29%0A&sig=s3",
            // A ticket id that looks escaped is the ticket's own text: the ticket link escapes its `%`, a query keeps it.
            "https://help.example.com/t/T-5%2529",
            "https://mg.example.com/service-recovery-notes?cpc=acme&tid=T-5%29&sig=s4",
        ]
        #expect(Set(uris) == expected)
        let links = raw.components(separatedBy: "/Subtype /Link").count - 1
        #expect(uris.count == links, "each link annotation has exactly one /URI")
        // Each annotation object, up to its `endobj`, names one action, and it is a URI action.
        let annotations = raw.components(separatedBy: "/Type /Annot").dropFirst().map { $0.components(separatedBy: "endobj")[0] }
        #expect(annotations.count == links)
        for annotation in annotations {
            let actions = annotation.components(separatedBy: "/S /").dropFirst().map { String($0.prefix { $0.isLetter }) }
            #expect(actions == ["URI"], "\(annotation)")
        }
    }
}

/// Reads PDF literal strings as a PDF reader does: balanced parentheses, backslash escapes.
enum PDFStrings {
    /// The text of every literal string that follows `key` in a PDF's bytes.
    static func values(after key: String, in raw: String) -> [String] {
        var values: [String] = []
        var rest = Substring(raw)
        while let found = rest.range(of: key + "(") {
            var value = ""
            var depth = 1
            var index = found.upperBound
            while index < rest.endIndex {
                let character = rest[index]
                index = rest.index(after: index)
                if character == "\\", index < rest.endIndex {
                    value.append(rest[index])
                    index = rest.index(after: index)
                    continue
                }
                if character == "(" { depth += 1 }
                if character == ")" {
                    depth -= 1
                    if depth == 0 { break }
                }
                value.append(character)
            }
            values.append(value)
            rest = rest[index...]
        }
        return values
    }
}
