import CPangoCairo
public import Foundation
import MakegoodDomain

/// Draws the Service Recovery Report as an A4 PDF with Pango and Cairo: rows coloured by NPS band, the ticket
/// and pencil links as real link annotations, page numbers, and page breaks that never separate a response's
/// header from the start of its verbatim (a long verbatim continues on the next page).
public enum ServiceRecoveryReportPDF {
    static let margin = 40.0
    static let width = PDFCanvas.a4.width - 2 * margin
    static let bottom = PDFCanvas.a4.height - margin - 20
    static let font = "DejaVu Sans"

    /// The PDF of a report kept as JSON (an email's attachment in the outbox, see `ServiceRecoveryReport: Codable`).
    @Sendable public static func render(json: Data) throws -> Data {
        try render(try JSONDecoder().decode(ServiceRecoveryReport.self, from: json))
    }

    public static func render(_ report: ServiceRecoveryReport) throws -> Data {
        let canvas = PDFCanvas()
        var plan = Plan()
        var layouts: [OpaquePointer] = []
        func layout(_ text: String, size: Double, bold: Bool = false, width: Double = width) -> OpaquePointer {
            let made = canvas.layout(text, font: "\(font)\(bold ? " Bold" : "") \(size)", width: width)
            layouts.append(made)
            return made
        }
        defer { layouts.forEach(canvas.free) }

        // Title block, on the first page only.
        var y = margin
        let title = layout(report.title, size: 16, bold: true)
        if let link = report.allNotesURL {
            let end = canvas.endOfLastLine(of: title)
            plan.add(.link(link, [
                .text(title, x: margin, y: y, colour: (0.1, 0.2, 0.45)),
                .pencil(x: margin + end.x + 6, y: y + end.top + (end.height - 15) / 2, size: 15, colour: (0.1, 0.2, 0.45)),
            ]))
        } else {
            plan.add(.text(title, x: margin, y: y, colour: (0.1, 0.2, 0.45)))
        }
        y += canvas.height(of: title) + 4
        let intro = layout(
            "For \(report.recipientName) · \(report.instanceName)\nPeriod: \(report.period) · \(report.items.count) response\(report.items.count == 1 ? "" : "s")\(report.allNotesURL == nil ? "" : " to recover")",
            size: 9.5)
        plan.add(.text(intro, x: margin, y: y, colour: (0.3, 0.3, 0.3)))
        y += canvas.height(of: intro) + 12

        for item in report.items {
            let colour = bandColour(item.band)
            let columns = [
                layout(item.received, size: 8.5, width: 95),
                layout(item.customer + (item.segment.map { "\n\($0)" } ?? ""), size: 8.5, width: 150),
                layout("\(item.agent)\n\(item.group)", size: 8.5, width: 140),
            ]
            let rating = layout("\(item.rating)", size: 14, bold: true, width: 40)
            let ticket = layout("Ticket \(item.ticketId)", size: 8.5, bold: true, width: 150)
            let factors = layout(item.factors.isEmpty ? "" : "Factors: " + item.factors.joined(separator: ", "), size: 8.5, width: 250)
            let row1 = max(columns.map(canvas.height).max() ?? 0, canvas.height(of: rating))
            let headerHeight = 6 + row1 + 4 + canvas.height(of: ticket) + 6
            let notes = item.notes.isEmpty ? "" : "\n\nService Recovery Notes:\n" + item.notes.joined(separator: "\n")
            let verbatim = layout((item.verbatim.isEmpty ? "(no comment)" : item.verbatim) + notes, size: 9, width: width - 14)
            let lines = canvas.lines(of: verbatim)
            // Keep the header with at least its first two lines of verbatim.
            let keep = lines.prefix(2).reduce(0) { $0 + $1.height }
            if y + headerHeight + keep > bottom {
                plan.newPage()
                y = margin
            }
            plan.add(.fill(x: margin, y: y, width: width, height: headerHeight, colour: colour))
            var x = margin + 6
            for (column, columnWidth) in zip(columns, [95.0, 150, 140]) {
                plan.add(.text(column, x: x, y: y + 6))
                x += columnWidth + 8
            }
            plan.add(.text(rating, x: margin + width - 40, y: y + 4))
            let row2 = y + 6 + row1 + 4
            if let link = item.ticketURL {
                plan.add(.link(link, [.text(ticket, x: margin + 6, y: row2, colour: (0.1, 0.2, 0.6))]))
            } else {
                plan.add(.text(ticket, x: margin + 6, y: row2))
            }
            plan.add(.text(factors, x: margin + 165, y: row2))
            if let link = item.notesURL {
                plan.add(.link(link, [
                    .pencil(x: margin + width - 60, y: row2 + 1.5, size: 9, colour: (0.1, 0.2, 0.6)),
                    .text(layout("Notes", size: 8.5, bold: true, width: 48), x: margin + width - 48, y: row2, colour: (0.1, 0.2, 0.6)),
                ]))
            }
            y += headerHeight + 4

            var offset = 0.0  // where the part of the verbatim on this page starts, in layout coordinates
            for line in lines {
                if y + (line.top - offset) + line.height > bottom {
                    plan.newPage()
                    let label = layout("Ticket \(item.ticketId) (continued)", size: 8, width: width)
                    plan.add(.text(label, x: margin, y: margin, colour: (0.4, 0.4, 0.4)))
                    y = margin + canvas.height(of: label) + 4
                    offset = line.top
                }
                plan.add(.bar(x: margin, y: y + line.top - offset, height: line.height, colour: colour))
                plan.add(.line(line.line, x: margin + 10, baseline: y + line.baseline - offset))
            }
            y += (lines.last.map { $0.top + $0.height } ?? 0) - offset + 14
        }

        for (index, page) in plan.pages.enumerated() {
            for operation in page { perform(operation, on: canvas) }
            let footer = layout("Page \(index + 1) of \(plan.pages.count)", size: 8, width: width)
            pango_layout_set_alignment(footer, PANGO_ALIGN_RIGHT)
            canvas.draw(footer, x: margin, y: PDFCanvas.a4.height - margin, colour: (0.45, 0.45, 0.45))
            canvas.newPage()
        }
        return try canvas.finish()
    }

    static func perform(_ operation: Plan.Operation, on canvas: PDFCanvas) {
        switch operation {
        case .text(let layout, let x, let y, let colour):
            canvas.draw(layout, x: x, y: y, colour: colour)
        case .fill(let x, let y, let width, let height, let colour):
            canvas.fill(x: x, y: y, width: width, height: height, colour: colour)
        case .bar(let x, let y, let height, let colour):
            canvas.fill(x: x, y: y, width: 4, height: height, colour: colour)
        case .line(let line, let x, let baseline):
            canvas.draw(line: line, x: x, baseline: baseline)
        case .pencil(let x, let y, let size, let colour):
            canvas.pencil(x: x, y: y, size: size, colour: colour)
        case .link(let url, let operations):
            canvas.link(to: url) { operations.forEach { perform($0, on: canvas) } }
        }
    }

    static func bandColour(_ band: NPSBand) -> (Double, Double, Double) {
        switch band {
        case .detractor: (0.99, 0.89, 0.88)
        case .passive: (1.0, 0.96, 0.84)
        case .promoter: (0.89, 0.96, 0.90)
        }
    }

    /// Drawing operations, grouped by page, decided before anything is drawn so the page count is known.
    struct Plan {
        indirect enum Operation {
            case text(OpaquePointer, x: Double, y: Double, colour: (Double, Double, Double) = (0.13, 0.13, 0.13))
            case fill(x: Double, y: Double, width: Double, height: Double, colour: (Double, Double, Double))
            case bar(x: Double, y: Double, height: Double, colour: (Double, Double, Double))
            case line(OpaquePointer, x: Double, baseline: Double)
            case pencil(x: Double, y: Double, size: Double, colour: (Double, Double, Double))
            /// What the operations draw is one link annotation.
            case link(String, [Operation])
        }

        var pages: [[Operation]] = [[]]

        mutating func add(_ operation: Operation) {
            pages[pages.count - 1].append(operation)
        }

        mutating func newPage() {
            pages.append([])
        }
    }
}
