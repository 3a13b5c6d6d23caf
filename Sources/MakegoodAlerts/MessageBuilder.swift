import Foundation
import MakegoodDomain
import MakegoodReports
import MakegoodStore

/// Turns a run's plan into the messages one recipient gets, with signed links to the notes dialog.
struct MessageBuilder {
    let instance: Instance
    let scheduled: ScheduledRun
    let window: AlertWindow
    let links: AlertRun.Links
    let groupNames: [String: String]

    static let notesPath = "service-recovery-notes"

    private var expires: Date { scheduled.instant.addingTimeInterval(links.lifetime) }

    /// The period a run covers, in the instance's local time.
    var period: String {
        "\(AlertEmail.format(window.start, in: instance.preferences.timezone)) – \(AlertEmail.format(window.end, in: instance.preferences.timezone))"
    }

    /// A response with its pencil link for `contact` (the dialog for that one ticket). The link names the group, the
    /// local date received and the ticket, so it stops matching once a newer survey replaces this one or it is
    /// reassigned; and the contact it is sent to, so a note saved through it says whose link it was.
    func item(_ response: SurveyResponse, segmentName: String?, for contact: Contact) -> AlertEmail.Item {
        let s = response.submission
        return AlertEmail.Item(
            response: response, groupName: groupNames[s.supportGroupCode ?? ""] ?? s.supportGroupCode ?? "",
            segmentName: segmentName, ticketURL: instance.preferences.ticketURL(for: s.ticketId),
            notesURL: Self.notesURL(for: response, to: contact, instance: instance, links: links, expires: expires))
    }

    /// The signed link to one response's notes dialog for a contact, until `expires`.
    static func notesURL(for response: SurveyResponse, to contact: Contact, instance: Instance, links: AlertRun.Links, expires: Date)
        -> String
    {
        let s = response.submission
        let received = LocalDate(containing: s.receivedAt, in: instance.preferences.timezone)
        let grant = LinkGrant(
            cpc: instance.cpc, rgid: s.supportGroupCode, date: received.description, tid: s.ticketId,
            recipient: contact.id.storageKey, expires: expires)
        return links.signer.url(grant, path: Self.notesPath, baseURL: links.baseURL).absoluteString
    }

    /// The link for all of a recipient's responses of this run (the report title's pencil, and the SMS).
    func allNotesURL(for contact: Contact) -> String {
        let grant = LinkGrant(cpc: instance.cpc, date: scheduled.day.description, recipient: contact.id.storageKey, expires: expires)
        return links.signer.url(grant, path: Self.notesPath, baseURL: links.baseURL).absoluteString
    }

    /// The email with its HTML body, and the same content as the PDF Service Recovery Report attached (drawn when it is
    /// sent, see `ReportAttachment`).
    func email(to contact: Contact, items: [AlertEmail.Item]) throws -> DeliveryRepository.Message {
        let zone = instance.preferences.timezone
        let allNotes = allNotesURL(for: contact)
        let email = AlertEmail(
            recipientName: contact.name, instanceName: instance.name, period: period, items: items,
            allNotesURL: allNotes, timeZone: zone)
        let report = ServiceRecoveryReport(
            recipientName: contact.name, instanceName: instance.name, period: period, allNotesURL: allNotes,
            items: items.map { item in
                let s = item.response.submission
                return ServiceRecoveryReport.Item(
                    received: AlertEmail.format(s.receivedAt, in: zone), customer: s.customerName ?? "unknown", segment: item.segmentName,
                    agent: s.agent ?? "", group: item.groupName, ticketId: s.ticketId ?? "", ticketURL: item.ticketURL,
                    factors: s.factors, rating: s.rating.value, band: s.rating.band, verbatim: s.comment ?? "", notesURL: item.notesURL)
            })
        let groups = Array(Set(items.map(\.groupName))).sorted()
        return DeliveryRepository.Message(
            contactID: contact.id, channel: .email, address: contact.email, subject: email.subject, body: email.text,
            html: email.html, attachment: try ReportAttachment.queued(report, name: "service-recovery-report-\(scheduled.day).pdf"), itemCount: items.count,
            groupNames: groups)
    }

    func sms(to contact: Contact, days: [(LocalDate, Int)], groups: [String], held: Bool) -> DeliveryRepository.Message {
        let calendar = AlertCalendar(instance.preferences)
        let counts = days.map { SMSText.DayCount(label: Self.weekday(of: $0.0, calendar: calendar), count: $0.1) }
        let text = SMSText.compose(days: counts, groups: groups, link: allNotesURL(for: contact))
        return DeliveryRepository.Message(
            contactID: contact.id, channel: .sms, address: contact.mobile, subject: nil, body: text, html: nil,
            itemCount: days.reduce(0) { $0 + $1.1 }, groupNames: groups, held: held)
    }

    static func weekday(of day: LocalDate, calendar: AlertCalendar) -> String {
        var style = Date.FormatStyle().weekday(.abbreviated)
        style.timeZone = calendar.timeZone
        style.locale = Locale(identifier: "en_US_POSIX")
        return day.startOfDay(in: calendar.timeZone).addingTimeInterval(43_200).formatted(style)
    }
}
