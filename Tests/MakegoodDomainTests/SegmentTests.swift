import Foundation
import MakegoodDomain
import Testing

/// Customer Segments and the codes that name groups and segments.
@Suite struct SegmentTests {
    @Test("a code is 1–64 characters with no spaces or control characters", arguments: [
        ("ENT", true), ("TEAM-1", true), ("a.b_c/d", true), ("チーム", true), (String(repeating: "C", count: 64), true),
        ("", false), ("A B", false), ("A\tB", false), ("AB\n", false), (" AB", false), ("A\u{0007}B", false),
        (String(repeating: "C", count: 65), false),
    ])
    func code(text: String, accepted: Bool) {
        if accepted {
            #expect(throws: Never.self) { try Code.validate(text, field: "supportGroupCode") }
        } else {
            let error = #expect(throws: DomainError.self) { try Code.validate(text, field: "supportGroupCode") }
            #expect(error?.field == "supportGroupCode")
        }
    }

    @Test("a segment needs a valid code and a name, which is trimmed")
    func segment() throws {
        #expect(try Segment(code: "ENT", name: "  Enterprise ").name == "Enterprise")
        #expect((#expect(throws: DomainError.self) { try Segment(code: "E N T", name: "Enterprise") })?.field == "code")
        #expect((#expect(throws: DomainError.self) { try Segment(code: "ENT", name: "  ") })?.field == "name")
        #expect((#expect(throws: DomainError.self) { try Segment(code: "ENT", name: String(repeating: "n", count: 201)) })?.field == "name")
    }
}
