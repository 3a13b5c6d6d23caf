public import Foundation

/// What a notes dialog URL asks for (SPEC §3): any two of `rgid`, `date` and `tid`, or a report title's
/// `date` with its recipient `r`. Decides which responses the dialog walks, before anything is looked up.
public struct NotesDialogRequest: Equatable, Sendable {
    /// Which responses the dialog shows, and so which buttons make sense.
    public enum Mode: Equatable, Sendable {
        /// One response: its ticket, with its group and/or its local date received. Previous and Next are inactive.
        case ticket(tid: String, rgid: String?, date: LocalDate?)
        /// Every response of a group's day that needs recovery, oldest first.
        case groupDay(rgid: String, date: LocalDate)
        /// Every response of the report sent to `recipient` by the alert run of `date` (the title's pencil link).
        case report(date: LocalDate, recipient: String)

        /// Whether Previous and Next can ever be active.
        public var walks: Bool {
            if case .ticket = self { return false }
            return true
        }
    }

    public let mode: Mode

    public init(mode: Mode) {
        self.mode = mode
    }

    /// Reads the query; blank values count as absent. A bad date or fewer than two parameters is an error
    /// whose message says what the URL needs.
    public init(rgid: String?, date: String?, tid: String?, recipient: String?) throws(DomainError) {
        func present(_ value: String?) -> String? {
            guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        let rgid = present(rgid)
        let tid = present(tid)
        let recipient = present(recipient)
        var day: LocalDate?
        if let date = present(date) {
            guard let parsed = LocalDate(date) else {
                throw DomainError(field: "date", "date must be a local date written yyyy-mm-dd, such as 2026-11-23; got \(date)")
            }
            day = parsed
        }
        if let tid {
            guard rgid != nil || day != nil else {
                throw DomainError(field: "tid", Self.needsTwo(given: ["tid"]))
            }
            mode = .ticket(tid: tid, rgid: rgid, date: day)
        } else if let rgid, let day {
            mode = .groupDay(rgid: rgid, date: day)
        } else if let day, let recipient {
            mode = .report(date: day, recipient: recipient)
        } else {
            let given = [rgid.map { _ in "rgid" }, day.map { _ in "date" }].compactMap { $0 }
            throw DomainError(field: given.first ?? "rgid", Self.needsTwo(given: given))
        }
    }

    static func needsTwo(given: [String]) -> String {
        let given = given.isEmpty ? "none of them" : "only " + given.joined(separator: " and ")
        return "The URL needs any two of rgid (the Support Group Code), date (yyyy-mm-dd) and tid (the ticket id); it has \(given)."
    }
}
