public import Foundation

extension NotesDialogRequest {
    /// The dialog of one response: its ticket with its group, or with its local date received when it has no
    /// group; nil without a ticket id.
    public static func ticket(of response: SurveyResponse, in zone: TimeZone) -> NotesDialogRequest? {
        let s = response.submission
        guard let tid = s.ticketId else { return nil }
        let date = s.supportGroupCode == nil ? LocalDate(containing: s.receivedAt, in: zone) : nil
        return NotesDialogRequest(mode: .ticket(tid: tid, rgid: s.supportGroupCode, date: date))
    }

    /// The query of a URL asking for this, `cpc` first.
    public func queryItems(cpc: String) -> [URLQueryItem] {
        var items = [URLQueryItem(name: "cpc", value: cpc)]
        switch mode {
        case .ticket(let tid, let rgid, let date):
            if let rgid { items.append(URLQueryItem(name: "rgid", value: rgid)) }
            if let date { items.append(URLQueryItem(name: "date", value: date.description)) }
            items.append(URLQueryItem(name: "tid", value: tid))
        case .groupDay(let rgid, let date):
            items += [URLQueryItem(name: "rgid", value: rgid), URLQueryItem(name: "date", value: date.description)]
        case .report(let date, let recipient):
            items += [URLQueryItem(name: "date", value: date.description), URLQueryItem(name: "r", value: recipient)]
        }
        return items
    }
}
