import Foundation
import MakegoodDomain
import Testing

/// A fix's ticket id and codes (SPEC §1, Fix Data Errors) follow one set of rules, from the API and the portal alike.
@Suite struct ResponseFixTests {
    static let submission = try! SurveySubmission(
        ticketId: nil, supportGroupCode: "GHOST", segmentCode: "ENT", customerName: nil, customerEmail: nil, agent: nil,
        rating: try! Rating(3), factors: [], comment: nil, receivedAt: Date(timeIntervalSince1970: 1_795_000_000))

    @Test("a value is trimmed; nil leaves a field, .some(nil) clears it")
    func applies() throws {
        let fix = try ResponseFix(ticketId: .some("  T-1 \n"), supportGroupCode: .some("TEAM"), segmentCode: .some(nil))
        let fixed = fix.applied(to: Self.submission)
        #expect(fixed.ticketId == "T-1" && fixed.supportGroupCode == "TEAM" && fixed.segmentCode == nil)
        let untouched = try ResponseFix(ticketId: nil, supportGroupCode: nil, segmentCode: nil).applied(to: Self.submission)
        #expect(untouched == Self.submission)
    }

    @Test("a bad ticket id or code is refused, naming the field", arguments: [
        (ResponseFixTests.Field.ticket, "   "), (.ticket, String(repeating: "x", count: 501)), (.ticket, "T\u{7}1"),
        (.group, "has space"), (.group, ""), (.segment, String(repeating: "s", count: 65)),
    ])
    func refuses(field: Field, value: String) {
        let error = #expect(throws: DomainError.self) {
            switch field {
            case .ticket: _ = try ResponseFix(ticketId: .some(value), supportGroupCode: nil, segmentCode: nil)
            case .group: _ = try ResponseFix(ticketId: nil, supportGroupCode: .some(value), segmentCode: nil)
            case .segment: _ = try ResponseFix(ticketId: nil, supportGroupCode: nil, segmentCode: .some(value))
            }
        }
        #expect(error?.field == field.rawValue)
    }

    enum Field: String, Sendable { case ticket = "ticketId", group = "supportGroupCode", segment = "segmentCode" }

    @Test("a form's blank field clears it, and its values are checked like the API's")
    func fromAForm() throws {
        let fix = try ResponseFix(formTicketId: " T-9 ", supportGroupCode: "  ", segmentCode: nil)
        #expect(fix == (try ResponseFix(ticketId: .some("T-9"), supportGroupCode: .some(nil), segmentCode: nil)))
        #expect(throws: DomainError.self) { try ResponseFix(formTicketId: nil, supportGroupCode: "two words", segmentCode: nil) }
    }

    @Test("only a ticket id the response did not have must be free")
    func newTicketId() throws {
        let fix = try ResponseFix(ticketId: .some("T-1"), supportGroupCode: nil, segmentCode: nil)
        #expect(fix.newTicketId(replacing: nil) == "T-1" && fix.newTicketId(replacing: "T-1") == nil)
        #expect(try ResponseFix(ticketId: .some(nil), supportGroupCode: nil, segmentCode: nil).newTicketId(replacing: "T-1") == nil)
        #expect(ResponseFix.ticketTaken("T-1").kind == .conflict)
    }
}
