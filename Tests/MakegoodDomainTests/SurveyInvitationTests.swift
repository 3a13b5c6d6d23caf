import Foundation
import MakegoodDomain
import Testing

/// The rules of a survey invitation (issue 22) that need no database: what a request must carry, and the quiet period.
@Suite struct SurveyInvitationTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func request(ticket: String? = "T-1", email: String? = "cas@example.com", language: String? = nil, sendAt: Date? = nil) throws
        -> SurveyInvitationRequest
    {
        try SurveyInvitationRequest(
            ticketId: ticket, supportGroupCode: "TEAM", segmentCode: nil, customerName: " Cas ", customerEmail: email, agent: "Ann",
            language: language, sendAt: sendAt, resend: false, now: now)
    }

    @Test("a request needs a ticket and an email address; the language is a tag; sendAt at most 90 days ahead", arguments: [
        (ticket: "   " as String?, email: "cas@example.com" as String?, language: nil as String?, days: 0.0, field: "ticketId"),
        (ticket: nil, email: "cas@example.com", language: nil, days: 0, field: "ticketId"),
        (ticket: "T-1", email: nil, language: nil, days: 0, field: "customer.email"),
        (ticket: "T-1", email: "not an address", language: nil, days: 0, field: "customer.email"),
        (ticket: "T-1", email: "cas@example.com", language: "english please", days: 0, field: "language"),
        (ticket: "T-1", email: "cas@example.com", language: "AA-00000000-00000000-0000000-0000000", days: 0, field: "language"),
        (ticket: "T-1", email: "cas@example.com", language: nil, days: 91, field: "sendAt"),
    ])
    func refused(ticket: String?, email: String?, language: String?, days: Double, field: String) {
        let error = #expect(throws: DomainError.self) {
            try request(ticket: ticket, email: email, language: language, sendAt: now.addingTimeInterval(days * 86_400))
        }
        #expect(error?.field == field)
    }

    @Test("a good request is kept trimmed, with its language and time")
    func accepted() throws {
        let later = now.addingTimeInterval(89 * 86_400)
        let checked = try request(language: "pt-BR", sendAt: later)
        #expect(checked.ticketId == "T-1" && checked.customerName == "Cas" && checked.language == "pt-BR" && checked.sendAt == later)
    }

    @Test("the quiet period: one survey per address every N days either side, 0 turns it off, unsubscribing always wins", arguments: [
        (others: [] as [Double], unsubscribed: false, quietDays: 7, skip: nil as SurveyInvitation.Skip?),
        (others: [-6.9], unsubscribed: false, quietDays: 7, skip: .quietPeriod),
        (others: [-7.0], unsubscribed: false, quietDays: 7, skip: nil),
        (others: [3], unsubscribed: false, quietDays: 7, skip: .quietPeriod),
        (others: [-1], unsubscribed: false, quietDays: 0, skip: nil),
        (others: [], unsubscribed: true, quietDays: 0, skip: .unsubscribed),
        (others: [-1], unsubscribed: true, quietDays: 7, skip: .unsubscribed),
    ])
    func quietPeriod(others: [Double], unsubscribed: Bool, quietDays: Int, skip: SurveyInvitation.Skip?) {
        let times = others.map { now.addingTimeInterval($0 * 86_400) }
        #expect(SurveyQuietPeriod.skip(sendAt: now, others: times, unsubscribed: unsubscribed, quietDays: quietDays) == skip)
    }

    @Test("a click turns the invitation into the ticket's response, through the same checks as the API's")
    func submission() throws {
        let invitation = SurveyInvitation(
            id: UUID(), ticketId: "T-1", supportGroupCode: "TEAM", segmentCode: "ENT", customerName: "Cas", customerEmail: "cas@example.com",
            agent: "Ann", language: nil, sendAt: now, expiresAt: now.addingTimeInterval(86_400), skipped: nil, createdAt: now)
        let s = try invitation.submission(rating: try Rating(3), factors: ["Speed"], comment: "slow", at: now)
        #expect(s.ticketId == "T-1" && s.supportGroupCode == "TEAM" && s.rating.value == 3 && s.factors == ["Speed"] && s.receivedAt == now)
        #expect(throws: DomainError.self) {
            try invitation.submission(rating: try Rating(3), comment: String(repeating: "x", count: 10_001), at: now)
        }
    }
}
