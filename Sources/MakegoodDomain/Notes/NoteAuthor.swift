import Foundation

/// Who a new note is by, until the person edits it (SPEC §3): the logged-in person; else, when the dialog was
/// opened from the report title's pencil, the report's recipient; else the group's Support Lead.
public enum NoteAuthor {
    public static func defaultName(loggedIn: String?, reportRecipient: String?, supportLead: String?) -> String {
        for name in [loggedIn, reportRecipient, supportLead] {
            if let name, !name.trimmingCharacters(in: .whitespaces).isEmpty { return name }
        }
        return ""
    }
}
