import Foundation
import MakegoodDomain
import MakegoodStore

/// What the notes dialog template shows; every value is plain text, escaped by the template.
struct NotesDialogPage {
    struct Detail {
        let field: String
        let label: String
        let value: String
    }

    struct LoggedNote {
        let author: String
        let time: String
        let datetime: String
        let spoke: String
        let text: String
        /// Which signed link it was written through, if one was.
        let via: String?
    }

    struct Hidden {
        let name: String
        let value: String
    }

    let title = "Service Recovery Notes"
    var instanceName: String
    var visitor: [String: String]?
    var noMatch = false
    let noMatchSentence = NotesDialogPage.noMatchSentence
    var position: String?
    var band = ""
    var rating = ""
    var ticketId = ""
    var ticketURL: String?
    var details: [Detail] = []
    var notes: [LoggedNote] = []
    var hidden: [Hidden] = []
    var author = ""
    var spoke = false
    var text = ""
    var formError: String?
    /// The recovery case, once an alert has reported the response.
    var recovery: NotesDialogCase?
    var previousDisabled = true
    var nextDisabled = true

    /// How the log names the link a note came through: by the contact it was sent to, when it names one.
    static func via(_ link: NoteLink, names: [UUID: String]) -> String {
        guard let recipient = link.recipient else { return "via a signed report link" }
        return "via the report link sent to \(names[recipient] ?? "a contact since removed")"
    }

    static let noMatchSentence = "Your URL is formed correctly but we couldn't find any surveys that matched the criteria in your URL"

    init(instanceName: String, visitor: PortalVisitor?) {
        self.instanceName = instanceName
        self.visitor = visitor?.header
    }

    /// Fills in the response shown, its notes and where the walk is.
    mutating func show(
        _ response: SurveyResponse, names: (group: String?, lead: String?, segment: String?), notes: [Note],
        linkRecipients: [UUID: String] = [:], position: NotesDialogPosition<UUID>, preferences: Preferences
    ) {
        let s = response.submission
        let zone = preferences.timezone
        self.position = position.label
        band = s.rating.band.rawValue
        rating = "\(s.rating.value)"
        ticketId = s.ticketId ?? "(missing)"
        ticketURL = preferences.ticketURL(for: s.ticketId)
        func named(_ name: String?, code: String?) -> String {
            switch (name, code) {
            case (let name?, let code?): "\(name) (\(code))"
            case (nil, let code?): code
            default: "—"
            }
        }
        let customer = [s.customerName, s.customerEmail.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
        details = [
            Detail(field: "received", label: "Received", value: DisplayTime.format(s.receivedAt, in: zone)),
            Detail(field: "customer", label: "Customer", value: customer.isEmpty ? "—" : customer),
            Detail(field: "segment", label: "Segment", value: named(names.segment, code: s.segmentCode)),
            Detail(field: "agent", label: "Agent", value: s.agent ?? "—"),
            Detail(field: "group", label: "Support Group", value: named(names.group, code: s.supportGroupCode)),
            Detail(field: "factors", label: "Experience factors", value: s.factors.isEmpty ? "—" : s.factors.joined(separator: ", ")),
            Detail(field: "verbatim", label: "Comments", value: s.comment.flatMap { $0.isEmpty ? nil : $0 } ?? "(no comment)"),
        ]
        self.notes = notes.map { note in
            LoggedNote(
                author: note.author, time: DisplayTime.format(note.createdAt, in: zone), datetime: RFC3339.format(note.createdAt),
                spoke: note.spokeToCustomer ? "(Spoke? Yes)" : "(Spoke? No)", text: note.text,
                via: note.link.map { Self.via($0, names: linkRecipients) })
        }
        previousDisabled = position.previous == nil
        nextDisabled = position.next == nil
    }
}
