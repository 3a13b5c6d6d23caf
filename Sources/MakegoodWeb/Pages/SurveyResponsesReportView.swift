import Foundation
import MakegoodDomain
import MakegoodReports
import MakegoodStore

/// The Survey Responses Report's rows as the page, the CSV and the PDF show them.
struct SurveyResponsesReportView {
    let data: SurveyResponsesReportData
    let filters: SurveyResponsesReportRequest
    let instance: Instance
    let baseURL: URL

    struct Row {
        let band: String
        let ticket: String
        let ticketURL: String?
        let received: String
        let group: String
        let agent: String
        let customer: String
        let segment: String
        let rating: String
        let factors: String
        let comment: String
        /// The recovery case's state ("Closed: recovered"), blank when no alert reported it; its owner's name.
        let state: String
        let owner: String
        let notes: [NoteLine]
        let pencil: String?
    }

    struct NoteLine {
        let author: String
        let time: String
        let spoke: String
        let text: String

        var line: String { "\(author), \(time) \(spoke): \(text)" }
    }

    var rows: [Row] {
        let zone = instance.preferences.timezone
        return data.responses.map { response in
            let s = response.submission
            let notes = (data.notes[response.id] ?? []).map { note in
                NoteLine(
                    author: note.author, time: DisplayTime.format(note.createdAt, in: zone),
                    spoke: note.spokeToCustomer ? "(Spoke? Yes)" : "(Spoke? No)", text: note.text)
            }
            return Row(
                band: s.rating.band.rawValue, ticket: s.ticketId ?? "", ticketURL: instance.preferences.ticketURL(for: s.ticketId),
                received: DisplayTime.format(s.receivedAt, in: zone),
                group: s.supportGroupCode.map { data.groupNames[$0] ?? $0 } ?? "",
                agent: s.agent ?? "", customer: s.customerName ?? s.customerEmail ?? "",
                segment: s.segmentCode.map { data.segmentNames[$0] ?? $0 } ?? "",
                rating: "\(s.rating.value)", factors: s.factors.joined(separator: ", "), comment: s.comment ?? "",
                state: data.cases.state(of: response), owner: data.cases.owner(of: response),
                notes: notes, pencil: filters.srn.showsNotes ? NotesDialogController.link(cpc: instance.cpc, to: response, in: zone) : nil)
        }
    }

    var period: String { filters.from == filters.to ? "\(filters.from)" : "\(filters.from) to \(filters.to)" }

    func page(visitor: PortalVisitor, query: String) -> [String: Any] {
        let rows = rows
        var page: [String: Any] = [
            "title": "Survey Responses Report", "visitor": visitor.header, "instanceName": instance.name, "period": period,
            "rows": rows, "showsNotes": filters.srn.showsNotes,
            "count": "\(rows.count) response\(rows.count == 1 ? "" : "s")",
            "filter": (filters.srn == .none ? "All responses" : (filters.srn.dashboardLabel ?? "All responses, with notes"))
                + (filters.state.map { " · cases \($0.label.lowercased())" } ?? ""),
            "csvURL": "?" + Self.replacingFormat(query, with: "csv"), "pdfURL": "?" + Self.replacingFormat(query, with: "pdf"),
        ]
        if data.truncated {
            page["truncated"] = "Only the newest \(rows.count) are shown. Narrow the dates or the groups, or download the CSV for every row."
        }
        return page
    }

    func csv() -> [UInt8] {
        var header = ["Received", "Ticket", "Support Group", "Agent", "Customer", "Segment", "Rating", "Factors", "Comment", "State", "Owner"]
        if filters.srn.showsNotes { header.append("Service Recovery Notes") }
        var table = CSVTable(header: header)
        for row in rows {
            var cells = [
                row.received, row.ticket, row.group, row.agent, row.customer, row.segment, row.rating, row.factors, row.comment, row.state,
                row.owner,
            ]
            if filters.srn.showsNotes { cells.append(row.notes.map(\.line).joined(separator: "\n")) }
            table.append(cells)
        }
        // A byte order mark, so spreadsheets read the file as UTF-8 (names and verbatims in any script).
        return [0xEF, 0xBB, 0xBF] + Array(table.text.utf8)
    }

    func pdf(recipient: String) throws -> Data {
        let items = zip(data.responses, rows).map { response, row in
            var item = ServiceRecoveryReport.Item(
                received: row.received, customer: row.customer.isEmpty ? "—" : row.customer,
                segment: row.segment.isEmpty ? nil : row.segment, agent: row.agent.isEmpty ? "—" : row.agent, group: row.group,
                ticketId: row.ticket, ticketURL: row.ticketURL, factors: response.submission.factors,
                rating: response.submission.rating.value, band: response.submission.rating.band, verbatim: row.comment,
                notesURL: row.pencil.map { baseURL.absoluteString.trimmingSuffix("/") + $0 })
            item.notes = row.notes.map(\.line)
            return item
        }
        var report = ServiceRecoveryReport(
            recipientName: recipient, instanceName: instance.name, period: period, allNotesURL: nil, items: items)
        report.title = "Survey Responses Report"
        return try ServiceRecoveryReportPDF.render(report)
    }

    func fileName(_ ext: String) -> String {
        let safe = instance.cpc.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return "survey-responses-\(safe)-\(filters.from)-\(filters.to).\(ext)"
    }

    /// The same query with `format` set, for the download links.
    static func replacingFormat(_ query: String, with format: String) -> String {
        let kept = query.split(separator: "&").filter { !$0.hasPrefix("format=") }
        return (kept + ["format=\(format)"]).joined(separator: "&")
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
