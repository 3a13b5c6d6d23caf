import Foundation
import MakegoodDomain
import Testing

/// A survey response as submitted: lengths are checked, blanks become missing, nothing else is refused.
@Suite struct SurveySubmissionTests {
    /// 2026-11-19T00:00:00Z; tests never read the clock.
    static let received = Date(timeIntervalSince1970: 1_795_046_400)

    static func submission(
        ticketId: String? = "T-1", supportGroupCode: String? = "TEAM", segmentCode: String? = "ENT",
        customerName: String? = "Cas", customerEmail: String? = "cas@example.com", agent: String? = "Ana",
        factors: [String] = ["Speed"], comment: String? = nil
    ) throws(DomainError) -> SurveySubmission {
        try SurveySubmission(
            ticketId: ticketId, supportGroupCode: supportGroupCode, segmentCode: segmentCode, customerName: customerName,
            customerEmail: customerEmail, agent: agent, rating: Rating(3), factors: factors, comment: comment, receivedAt: received)
    }

    @Test("a verbatim of 10,000 characters is accepted and kept as written", arguments: [
        String(repeating: "対", count: 10_000),  // Japanese: 30,000 UTF-8 bytes
        String(repeating: "a", count: 10_000),
        String(repeating: "👨‍👩‍👧", count: 2_000),  // five code points each: 10,000 in all
        String(repeating: "e\u{301}", count: 5_000),  // é as e + combining accent: two code points
        String(repeating: "ありがとう", count: 2_000),
    ])
    func verbatimAtLimit(comment: String) throws {
        #expect(comment.unicodeScalars.count == 10_000)
        #expect(try Self.submission(comment: comment).comment == comment)
    }

    @Test("a verbatim of 10,001 characters is refused, naming the field", arguments: [
        String(repeating: "対", count: 10_001),
        String(repeating: "a", count: 10_001),
        String(repeating: "ありがとう", count: 2_000) + "。",
    ])
    func verbatimOverLimit(comment: String) {
        let error = #expect(throws: DomainError.self) { try Self.submission(comment: comment) }
        #expect(error?.field == "comment")
        #expect(error?.message.contains("is \(comment.unicodeScalars.count) characters") == true)
        #expect(error?.message.contains("at most 10,000") == true)
    }

    @Test("a verbatim keeps its spaces, line breaks and any Unicode")
    func verbatimKept() throws {
        let comment = "  Merci ! 🙏\n\tСпасибо — 谢谢  "
        #expect(try Self.submission(comment: comment).comment == comment)
        #expect(try Self.submission(comment: nil).comment == nil)
    }

    @Test("blank strings become nil and others are trimmed", arguments: ["", " ", "   ", "\n", "\t \r\n"])
    func blanksBecomeNil(blank: String) throws {
        let submission = try Self.submission(
            ticketId: blank, supportGroupCode: blank, segmentCode: blank, customerName: blank, customerEmail: blank, agent: blank,
            factors: [blank, "Speed", blank])
        #expect(submission.ticketId == nil)
        #expect(submission.supportGroupCode == nil)
        #expect(submission.segmentCode == nil)
        #expect(submission.customerName == nil)
        #expect(submission.customerEmail == nil)
        #expect(submission.agent == nil)
        #expect(submission.factors == ["Speed"])
    }

    @Test("text fields are trimmed of surrounding whitespace")
    func trimmed() throws {
        let submission = try Self.submission(
            ticketId: " T-1 ", supportGroupCode: "\tTEAM\n", segmentCode: " ENT", customerName: " Cas ", customerEmail: "cas@example.com ",
            agent: " Ana", factors: [" Speed ", "Knowledge"])
        #expect(submission.ticketId == "T-1")
        #expect(submission.supportGroupCode == "TEAM")
        #expect(submission.segmentCode == "ENT")
        #expect(submission.customerName == "Cas")
        #expect(submission.customerEmail == "cas@example.com")
        #expect(submission.agent == "Ana")
        #expect(submission.factors == ["Speed", "Knowledge"])
    }

    @Test("missing codes and ticket id are not refused: they make the response invalid, not lost")
    func missingIsNotRefused() throws {
        let submission = try Self.submission(ticketId: nil, supportGroupCode: nil, segmentCode: nil)
        #expect(submission.ticketId == nil && submission.supportGroupCode == nil && submission.segmentCode == nil)
        #expect(submission.rating.value == 3)
        #expect(submission.receivedAt == Self.received)
    }

    @Test("short text fields may be at most 500 characters, naming the field", arguments: [
        "ticketId", "supportGroupCode", "segmentCode", "customer.name", "customer.email", "agent", "factors",
    ])
    func shortTextLimit(field: String) throws {
        func make(_ text: String) throws(DomainError) -> SurveySubmission {
            try Self.submission(
                ticketId: field == "ticketId" ? text : "T-1", supportGroupCode: field == "supportGroupCode" ? text : "TEAM",
                segmentCode: field == "segmentCode" ? text : "ENT", customerName: field == "customer.name" ? text : "Cas",
                customerEmail: field == "customer.email" ? text : "cas@example.com", agent: field == "agent" ? text : "Ana",
                factors: field == "factors" ? ["Speed", text] : ["Speed"])
        }
        #expect(throws: Never.self) { try make(String(repeating: "x", count: 500)) }
        let error = #expect(throws: DomainError.self) { try make(String(repeating: "x", count: 501)) }
        #expect(error?.field == field)
    }

    @Test("at most 50 factors", arguments: [(50, true), (51, false)])
    func factorCount(count: Int, accepted: Bool) throws {
        let factors = (0..<count).map { "F\($0)" }
        if accepted {
            #expect(try Self.submission(factors: factors).factors.count == count)
        } else {
            #expect((#expect(throws: DomainError.self) { try Self.submission(factors: factors) })?.field == "factors")
        }
    }
}
