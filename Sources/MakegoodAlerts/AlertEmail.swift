import Foundation
import MakegoodDomain
import MakegoodReports

/// The daily email to one recipient: a plain-text part and an HTML part with inline styles, listing every
/// response to recover in their groups, each with its pencil link to the notes dialog.
struct AlertEmail {
    let subject: String
    let text: String
    let html: String

    /// One response as the email shows it.
    struct Item {
        let response: SurveyResponse
        let groupName: String
        let segmentName: String?
        let ticketURL: String?
        let notesURL: String
    }

    init(recipientName: String, instanceName: String, period: String, items: [Item], allNotesURL: String, timeZone: TimeZone) {
        let count = items.count
        subject = "Service Recovery: \(count) unhappy customer\(count == 1 ? "" : "s") to call back"
        var text = "Hello \(recipientName),\n\n\(count) customer\(count == 1 ? "" : "s") of \(instanceName) rated their ticket badly (\(period)).\n"
        text += "Open the notes for all of them: \(allNotesURL)\n"
        var rows = ""
        for item in items {
            let s = item.response.submission
            let received = Self.format(s.receivedAt, in: timeZone)
            text += "\n— \(received) · rating \(s.rating.value) · \(item.groupName) · ticket \(s.ticketId ?? "?")\n"
            text += "  Customer: \(s.customerName ?? "unknown")\(item.segmentName.map { " (\($0))" } ?? "") · Agent: \(s.agent ?? "unknown")\n"
            if !s.factors.isEmpty { text += "  Factors: \(s.factors.joined(separator: ", "))\n" }
            if let comment = s.comment { text += "  \"\(comment)\"\n" }
            text += "  Notes: \(item.notesURL)\n"

            let colour = Self.colour(s.rating.band)
            let ticket = MarkupText.escape(s.ticketId ?? "?")
            let ticketCell = item.ticketURL.map { "<a href=\"\(MarkupText.escape($0))\">\(ticket)</a>" } ?? ticket
            rows += """
                <tr style="background:\(colour)"><td style="padding:6px">\(MarkupText.escape(received))</td>\
                <td style="padding:6px">\(MarkupText.escape(s.customerName ?? "unknown"))<br><small>\(MarkupText.escape(item.segmentName ?? ""))</small></td>\
                <td style="padding:6px">\(MarkupText.escape(s.agent ?? ""))<br><small>\(MarkupText.escape(item.groupName))</small></td>\
                <td style="padding:6px">\(ticketCell)</td><td style="padding:6px">\(MarkupText.escape(s.factors.joined(separator: ", ")))</td>\
                <td style="padding:6px;font-weight:bold">\(s.rating.value)</td>\
                <td style="padding:6px"><a href="\(MarkupText.escape(item.notesURL))" title="Service Recovery Notes">✎</a></td></tr>
                <tr style="background:\(colour)"><td colspan="7" style="padding:0 6px 8px">\(MarkupText.escape(s.comment ?? ""))</td></tr>

                """
        }
        self.text = text + "\nRecord what you did in the notes; they can't be changed afterwards.\n"
        html = """
            <!DOCTYPE html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#222">
            <h2 style="font-size:18px">Service Recovery Report <a href="\(MarkupText.escape(allNotesURL))" title="Notes for all">✎</a></h2>
            <p>Hello \(MarkupText.escape(recipientName)), \(count) customer\(count == 1 ? "" : "s") of \(MarkupText.escape(instanceName)) \
            rated their ticket badly (\(MarkupText.escape(period))).</p>
            <table style="border-collapse:collapse;font-size:13px"><tr style="text-align:left"><th>Received</th><th>Customer</th>\
            <th>Agent / group</th><th>Ticket</th><th>Factors</th><th>Rating</th><th></th></tr>
            \(rows)</table></body></html>
            """
    }

    static func colour(_ band: NPSBand) -> String {
        switch band {
        case .detractor: "#fde2e1"
        case .passive: "#fff4d6"
        case .promoter: "#e3f6e5"
        }
    }

    static func format(_ instant: Date, in timeZone: TimeZone) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened)
        style.timeZone = timeZone
        return instant.formatted(style)
    }
}
