import Foundation
import MakegoodDomain
import MakegoodReports
import MakegoodStore

/// The reminder and escalation messages: every case with its ticket, customer, rating, group, owner and how
/// overdue it is, and a link to its notes dialog (signed for a contact, behind the login for an admin).
struct CaseChaseMessages {
    /// A case as its messages show it.
    struct Line {
        let recovery: RecoveryCase
        let response: SurveyResponse
        let groupName: String
        let ownerName: String
    }

    /// The cases a message lists; the count says how many more there are.
    static let listed = 50

    let instance: Instance
    let links: AlertRun.Links
    let now: Date

    private var zone: TimeZone { instance.preferences.timezone }

    /// My queue, where every open case of the recipient's groups is.
    var queueURL: String {
        var components = URLComponents(url: links.baseURL.appendingPathComponent("queue"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "cpc", value: instance.cpc)]
        return components.string!
    }

    func reminder(to contact: Contact, lines: [Line]) -> DeliveryRepository.Message {
        let count = lines.count
        let subject = "Makegood: \(count) overdue recovery case\(count == 1 ? "" : "s") of \(instance.name)"
        let intro = "Nobody has spoken to \(count == 1 ? "this customer" : "these customers") yet, and the Service Recovery Target has passed."
        let content = body(greeting: contact.name, intro: intro, lines: lines, signedFor: contact, showOwner: false)
        return DeliveryRepository.Message(
            contactID: contact.id, channel: .email, address: contact.email, subject: subject, body: content.text, html: content.html,
            itemCount: count, groupNames: groupNames(lines))
    }

    /// The text with a reminder: two segments at most, like the alert's.
    func reminderSMS(to contact: Contact, lines: [Line]) -> DeliveryRepository.Message {
        let count = lines.count
        let text = SMSText.reminder(overdue: count, groups: groupNames(lines), link: queueURL)
        return DeliveryRepository.Message(
            contactID: contact.id, channel: .sms, address: contact.mobile, subject: nil, body: text, html: nil, itemCount: count,
            groupNames: groupNames(lines))
    }

    /// An escalation to a Department's lead (a contact, links signed for them) or to an admin (`contact` nil).
    func escalation(recipientID: UUID, name: String, email: String, contact: Contact?, lines: [Line]) -> DeliveryRepository.Message {
        let count = lines.count
        let subject = "Makegood: \(count) recovery case\(count == 1 ? "" : "s") of \(instance.name) escalated to you"
        let hours = instance.preferences.escalationHours
        let intro =
            "Nobody has spoken to \(count == 1 ? "this customer" : "these customers") \(hours) h after the Service Recovery Target passed, "
            + "so \(count == 1 ? "it comes" : "they come") to you."
        let content = body(greeting: name, intro: intro, lines: lines, signedFor: contact, showOwner: true)
        return DeliveryRepository.Message(
            contactID: recipientID, channel: .email, address: email, subject: subject, body: content.text, html: content.html,
            itemCount: count, groupNames: groupNames(lines))
    }

    private func groupNames(_ lines: [Line]) -> [String] {
        var names: [String] = []
        for line in lines where !names.contains(line.groupName) { names.append(line.groupName) }
        return names
    }

    private func body(greeting: String, intro: String, lines: [Line], signedFor contact: Contact?, showOwner: Bool)
        -> (text: String, html: String)
    {
        let e = MarkupText.escape
        var text = "Hello \(greeting),\n\n\(intro)\n\n"
        var rows = ""
        for line in lines.prefix(Self.listed) {
            let s = line.response.submission
            let ticket = s.ticketId ?? "(no ticket id)"
            let customer = s.customerName ?? s.customerEmail ?? "unknown customer"
            let overdue = CaseDeadlines.describe(dueAt: line.recovery.dueAt, now: now)
            let due = DisplayTime.format(line.recovery.dueAt, in: zone)
            let owner = showOwner ? " · owner \(line.ownerName)" : ""
            let link = notesURL(line.response, for: contact)
            text += "- Ticket \(ticket) · \(customer) · rating \(s.rating.value) · \(line.groupName)\(owner) · due \(due), \(overdue)\n"
            if let link { text += "  Notes: \(link)\n" }
            let cells = [ticket, customer, "\(s.rating.value)", line.groupName] + (showOwner ? [line.ownerName] : []) + ["\(due), \(overdue)"]
            let linkCell = link.map { "<a href=\"\(e($0))\">Notes</a>" } ?? ""
            rows += "<tr>" + cells.map { "<td style=\"padding:4px 8px\">\(e($0))</td>" }.joined() + "<td style=\"padding:4px 8px\">\(linkCell)</td></tr>"
        }
        if lines.count > Self.listed {
            let more = "… and \(lines.count - Self.listed) more in the queue."
            text += "\(more)\n"
            rows += "<tr><td colspan=\"7\" style=\"padding:4px 8px\">\(e(more))</td></tr>"
        }
        text += "\nYour queue: \(queueURL)\n"
        let headers = ["Ticket", "Customer", "Rating", "Group"] + (showOwner ? ["Owner"] : []) + ["Due", ""]
        let html = """
            <!DOCTYPE html><html><body style="font-family:Arial,Helvetica,sans-serif">
            <p>Hello \(e(greeting)),</p><p>\(e(intro))</p>
            <table style="border-collapse:collapse"><tr>\(headers.map { "<th style=\"text-align:left;padding:4px 8px\">\(e($0))</th>" }.joined())</tr>\(rows)</table>
            <p><a href="\(e(queueURL))">Open your queue</a></p></body></html>
            """
        return (text, html)
    }

    /// The dialog of one response: signed for a contact, plain (behind the login) for an admin; nil without a ticket id.
    private func notesURL(_ response: SurveyResponse, for contact: Contact?) -> String? {
        guard let request = NotesDialogRequest.ticket(of: response, in: zone) else { return nil }
        if let contact {
            return MessageBuilder.notesURL(
                for: response, to: contact, instance: instance, links: links, expires: now.addingTimeInterval(links.lifetime))
        }
        var components = URLComponents(
            url: links.baseURL.appendingPathComponent(MessageBuilder.notesPath), resolvingAgainstBaseURL: false)!
        components.queryItems = request.queryItems(cpc: instance.cpc)
        return components.string
    }
}
