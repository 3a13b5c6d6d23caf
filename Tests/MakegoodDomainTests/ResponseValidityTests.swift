import Foundation
import MakegoodDomain
import Testing

/// The rule of SPEC §1 for invalid responses: missing ticket id, missing or unknown group and segment codes.
@Suite struct ResponseValidityTests {
    static let knownGroups: Set<String> = ["TEAM", "DEP"]
    static let knownSegments: Set<String> = ["ENT", "SMB"]

    static func problems(_ ticketId: String?, _ group: String?, _ segment: String?) -> [ResponseProblem] {
        ResponseValidity.problems(
            ticketId: ticketId, supportGroupCode: group, segmentCode: segment,
            isKnownGroup: { knownGroups.contains($0) }, isKnownSegment: { knownSegments.contains($0) })
    }

    @Test("problems name the field and the value that is missing or unknown", arguments: [
        ("T-1", "TEAM", "ENT", []),
        ("T-1", "DEP", "SMB", []),
        (nil, "TEAM", "ENT", [ResponseProblem(field: "ticketId", code: .missing, value: nil)]),
        ("T-1", nil, "ENT", [ResponseProblem(field: "supportGroupCode", code: .missing, value: nil)]),
        ("T-1", "GHOST", "ENT", [ResponseProblem(field: "supportGroupCode", code: .unknown, value: "GHOST")]),
        ("T-1", "team", "ENT", [ResponseProblem(field: "supportGroupCode", code: .unknown, value: "team")]),
        ("T-1", "TEAM", nil, [ResponseProblem(field: "segmentCode", code: .missing, value: nil)]),
        ("T-1", "TEAM", "NOPE", [ResponseProblem(field: "segmentCode", code: .unknown, value: "NOPE")]),
        ("T-1", "GHOST", "NOPE", [
            ResponseProblem(field: "supportGroupCode", code: .unknown, value: "GHOST"),
            ResponseProblem(field: "segmentCode", code: .unknown, value: "NOPE"),
        ]),
        (nil, nil, nil, [
            ResponseProblem(field: "ticketId", code: .missing, value: nil),
            ResponseProblem(field: "supportGroupCode", code: .missing, value: nil),
            ResponseProblem(field: "segmentCode", code: .missing, value: nil),
        ]),
    ] as [(String?, String?, String?, [ResponseProblem])])
    func problems(ticketId: String?, group: String?, segment: String?, expected: [ResponseProblem]) {
        #expect(Self.problems(ticketId, group, segment) == expected)
    }

    @Test("a problem's message tells the admin what to fix, naming the unknown value", arguments: [
        (ResponseProblem(field: "ticketId", code: .missing, value: nil), ["ticket id", "ticketId"]),
        (ResponseProblem(field: "supportGroupCode", code: .missing, value: nil), ["Support Group Code", "missing", "supportGroupCode"]),
        (ResponseProblem(field: "supportGroupCode", code: .unknown, value: "GHOST"), ["Support Group Code GHOST", "create it"]),
        (ResponseProblem(field: "segmentCode", code: .missing, value: nil), ["Segment Code", "missing", "segmentCode"]),
        (ResponseProblem(field: "segmentCode", code: .unknown, value: "NOPE"), ["Segment Code NOPE", "create it"]),
    ])
    func message(problem: ResponseProblem, phrases: [String]) {
        for phrase in phrases {
            #expect(problem.message.contains(phrase), "\(problem.message)")
        }
    }

    @Test("a submission with blank codes has them reported missing, not unknown")
    func blankSubmissionCodesAreMissing() throws {
        let submission = try SurveySubmission(
            ticketId: "  ", supportGroupCode: "", segmentCode: " ENT ", customerName: nil, customerEmail: nil, agent: nil,
            rating: Rating(2), factors: [], comment: nil, receivedAt: Date(timeIntervalSince1970: 1_795_046_400))
        let problems = Self.problems(submission.ticketId, submission.supportGroupCode, submission.segmentCode)
        #expect(problems == [
            ResponseProblem(field: "ticketId", code: .missing, value: nil),
            ResponseProblem(field: "supportGroupCode", code: .missing, value: nil),
        ])
    }

    @Test("problems encode as field, code and value")
    func problemJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(ResponseProblem(field: "segmentCode", code: .unknown, value: "NOPE"))
        #expect(String(decoding: data, as: UTF8.self) == #"{"code":"unknown","field":"segmentCode","value":"NOPE"}"#)
        #expect(try JSONDecoder().decode(ResponseProblem.self, from: data) == ResponseProblem(field: "segmentCode", code: .unknown, value: "NOPE"))
    }

    static let earlier = Date(timeIntervalSince1970: 1_795_046_400)  // 2026-11-19T00:00:00Z
    static let now = Date(timeIntervalSince1970: 1_795_050_000)  // an hour later

    @Test("validSince is kept if it was valid, set to now when it becomes valid, cleared while invalid", arguments: [
        (ResponseValidityTests.earlier, true, ResponseValidityTests.earlier),  // kept
        (nil, true, ResponseValidityTests.now),  // set
        (ResponseValidityTests.earlier, false, nil),  // cleared
        (nil, false, nil),  // still invalid
    ] as [(Date?, Bool, Date?)])
    func validSince(was: Date?, isValidNow: Bool, expected: Date?) {
        #expect(ResponseValidity.validSince(wasValidSince: was, isValidNow: isValidNow, now: Self.now) == expected)
    }

    @Test("a stored response is valid exactly when it has no problems, and needs recovery under the threshold in force")
    func storedResponse() throws {
        let submission = try SurveySubmission(
            ticketId: "T-1", supportGroupCode: "TEAM", segmentCode: "ENT", customerName: nil, customerEmail: nil, agent: nil,
            rating: Rating(6), factors: [], comment: nil, receivedAt: Self.earlier)
        var response = SurveyResponse(
            id: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, submission: submission, problems: [], validSince: Self.earlier,
            replaces: nil, reassignments: [], notes: .empty, alertedAt: nil)
        #expect(response.isValid)
        #expect(response.needsRecovery(threshold: 6))
        #expect(!response.needsRecovery(threshold: 5))
        response.problems = [ResponseProblem(field: "segmentCode", code: .unknown, value: "ENT")]
        #expect(!response.isValid)
    }
}
