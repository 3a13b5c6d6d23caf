/// A fix to a stored response's ticket id and codes (SPEC §1, Fix Data Errors), from the API's PATCH or the portal's
/// form alike. Each field is nil to leave it as it is, `.some(nil)` to clear it, or a new value; values are checked as
/// intake checks them, so a fix can't store what a new response could not.
public struct ResponseFix: Equatable, Sendable {
    public let ticketId: String??
    public let supportGroupCode: String??
    public let segmentCode: String??

    /// Checks the values: a ticket id is trimmed, 1 to 500 characters, no control characters; codes are codes.
    public init(ticketId: String??, supportGroupCode: String??, segmentCode: String??) throws(DomainError) {
        self.ticketId = try ticketId.map { text throws(DomainError) in try text.map(Self.checkedTicketId) }
        for (field, code) in [("supportGroupCode", supportGroupCode), ("segmentCode", segmentCode)] {
            if case .some(.some(let code)) = code { try Code.validate(code, field: field) }
        }
        self.supportGroupCode = supportGroupCode
        self.segmentCode = segmentCode
    }

    /// A fix from a form, where every field is sent and a blank one means "none": values are trimmed first.
    public init(formTicketId: String?, supportGroupCode: String?, segmentCode: String?) throws(DomainError) {
        func typed(_ text: String?) -> String?? {
            guard let text else { return nil }
            let trimmed = PlainText.trimmed(text)
            return .some(trimmed.isEmpty ? nil : trimmed)
        }
        try self.init(ticketId: typed(formTicketId), supportGroupCode: typed(supportGroupCode), segmentCode: typed(segmentCode))
    }

    /// The submission with the fix applied.
    public func applied(to submission: SurveySubmission) -> SurveySubmission {
        var fixed = submission
        if let ticketId { fixed.ticketId = ticketId }
        if let supportGroupCode { fixed.supportGroupCode = supportGroupCode }
        if let segmentCode { fixed.segmentCode = segmentCode }
        return fixed
    }

    /// Whether the fix gives the response a ticket id it did not have, which must not be another current response's.
    public func newTicketId(replacing current: String?) -> String? {
        guard case .some(.some(let ticket)) = ticketId, ticket != current else { return nil }
        return ticket
    }

    /// The refusal for a ticket id that already has a current response: two current responses for one ticket would
    /// split its notes, so the new survey answer is sent instead, which replaces the old one (SPEC §1).
    public static func ticketTaken(_ ticket: String) -> DomainError {
        DomainError(
            .conflict, field: "ticketId",
            "ticket \(ticket) already has a current survey response; send the new response instead, which replaces it")
    }

    private static func checkedTicketId(_ text: String) throws(DomainError) -> String {
        let ticket = PlainText.trimmed(text)
        guard !ticket.isEmpty, !PlainText.isLonger(text, than: SurveySubmission.maxShortText) else {
            throw DomainError(field: "ticketId", "ticketId must be 1 to 500 characters; leave it out to keep the one there is")
        }
        try PlainText.validate(ticket, field: "ticketId")
        return ticket
    }
}
