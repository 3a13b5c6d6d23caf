import Foundation
import MakegoodDomain
import MakegoodReports
import Testing

/// The PDF report, read back with poppler as a person's PDF reader would.
@Suite struct ServiceRecoveryReportPDFTests {
    static func item(_ index: Int, verbatim: String, ticketURL: Bool = true, received: String? = nil) -> ServiceRecoveryReport.Item {
        ServiceRecoveryReport.Item(
            received: received ?? "18 Nov 2026 at 10:0\(index % 10) AM", customer: "Customer \(index)", segment: "Enterprise", agent: "Ann",
            group: "Billing Team", ticketId: "T-\(index)", ticketURL: ticketURL ? "https://help.example.com/t/T-\(index)" : nil,
            factors: ["Speed", "Knowledge"], rating: index % 6 + 1, band: NPSBand(rating: index % 6 + 1), verbatim: verbatim,
            notesURL: "https://mg.example.com/service-recovery-notes?cpc=acme&tid=T-\(index)&sig=abc\(index)")
    }

    static func report(_ items: [ServiceRecoveryReport.Item]) -> ServiceRecoveryReport {
        ServiceRecoveryReport(
            recipientName: "Lee Lead", instanceName: "Acme", period: "17 Nov 2026 9:00 AM – 18 Nov 2026 9:00 AM",
            allNotesURL: "https://mg.example.com/service-recovery-notes?cpc=acme&date=2026-11-18&r=lee&sig=all", items: items)
    }

    /// Runs a poppler tool on a PDF and returns what it printed.
    static func poppler(_ tool: String, _ pdf: Data, _ arguments: [String] = []) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments + [file.path] + (tool == "pdftotext" ? ["-"] : [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) failed")
        return String(decoding: data, as: UTF8.self)
    }

    @Test func everyItemAndScriptIsInTheText() throws {
        let pdf = try ServiceRecoveryReportPDF.render(Self.report([
            Self.item(1, verbatim: "対応が遅く、同じ説明を何度もしなければなりませんでした。"),
            Self.item(2, verbatim: "لم يتم حل مشكلتي بعد أسبوع من الانتظار."),
            Self.item(3, verbatim: "Le problème n'est toujours pas résolu <script>alert(1)</script> & <b>bold</b>"),
        ]))
        let text = try Self.poppler("pdftotext", pdf)
        for expected in ["Service Recovery Report", "Lee Lead", "17 Nov 2026", "Customer 2", "Enterprise", "Ann", "Billing Team",
                         "Ticket T-3", "Speed, Knowledge", "同じ説明", "résolu", "<script>alert(1)</script>", "<b>bold</b>", "Page 1 of 1"] {
            #expect(text.contains(expected), "\(expected) in the PDF text")
        }
        // poppler spaces out Arabic glyph clusters; the words are there once the spaces are gone.
        #expect(text.filter { !$0.isWhitespace }.contains("أسبوع"))
        #expect(try Self.poppler("pdfinfo", pdf).contains("595.28 x 841.89 pts (A4)"))
    }

    @Test func twoHundredResponsesAndALongVerbatimFlowAcrossNumberedPages() throws {
        let long = (0..<400).map { "Sentence \($0) of a very long complaint." }.joined(separator: " ").prefix(10_000)
        var items = (0..<200).map { Self.item($0, verbatim: "Short comment \($0).") }
        items.insert(Self.item(999, verbatim: String(long)), at: 100)
        let pdf = try ServiceRecoveryReportPDF.render(Self.report(items))
        let info = try Self.poppler("pdfinfo", pdf)
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }!.split(separator: " ").last!)!
        #expect(pages > 10)
        let text = try Self.poppler("pdftotext", pdf)
        #expect(text.contains("Page \(pages) of \(pages)"))
        #expect(text.contains("Customer 0") && text.contains("Customer 199") && text.contains("Ticket T-999 (continued)"))
        #expect(text.contains("Sentence 0 of") && text.contains("Sentence 250 of"))
        // No empty trailing page.
        let lastPage = try Self.poppler("pdftotext", pdf, ["-f", "\(pages)", "-l", "\(pages)"])
        #expect(lastPage.contains("Customer 199"))
    }

    @Test func linksAreRealAnnotations() throws {
        let pdf = try ServiceRecoveryReportPDF.render(Self.report([Self.item(7, verbatim: "x"), Self.item(8, verbatim: "y", ticketURL: false)]))
        let raw = String(decoding: pdf, as: UTF8.self)
        #expect(raw.contains("/URI (https://help.example.com/t/T-7)"))
        #expect(!raw.contains("/URI (https://help.example.com/t/T-8)"))
        #expect(raw.contains("sig=abc7") && raw.contains("sig=abc8") && raw.contains("sig=all"))
    }

    /// A report in Latin script embeds one subset of each font it uses: the pencils are paths, and the narrow
    /// no-break space Foundation writes before "AM" is drawn as a space (each would add a subset).
    @Test func latinTextEmbedsOneSubsetPerFont() throws {
        let item = Self.item(3, verbatim: "Waited four days.", received: "18 Nov 2026 at 10:03\u{202F}AM")
        let pdf = try ServiceRecoveryReportPDF.render(Self.report([item, Self.item(4, verbatim: "Fine.")]))
        let fonts = try Self.poppler("pdffonts", pdf).split(separator: "\n").dropFirst(2)
        #expect(fonts.count == 2, "\(fonts)")
        #expect(fonts.allSatisfy { $0.contains("WinAnsi") }, "\(fonts)")
        let text = try Self.poppler("pdftotext", pdf)
        #expect(text.contains("10:03 AM"))
        #expect(text.contains("Notes"))
        let raw = String(decoding: pdf, as: UTF8.self)
        // One link each: the title with its pencil, and for each response its ticket and its pencil with "Notes".
        #expect(raw.components(separatedBy: "/Subtype /Link").count - 1 == 5)
        #expect(raw.components(separatedBy: "sig=all").count - 1 == 1)
        #expect(raw.components(separatedBy: "sig=abc3").count - 1 == 1)
    }
}
