import Foundation
import MakegoodDomain
import Testing

/// A Service Recovery Note as written: an author and text are mandatory (SPEC §1, §3).
@Suite struct NoteDraftTests {
    /// 2026-11-19T09:30:00Z; tests never read the clock.
    static let written = Date(timeIntervalSince1970: 1_795_080_600)

    @Test("an empty author is refused, naming the field", arguments: ["", " ", "\n", "\t \n"])
    func emptyAuthor(author: String) {
        let error = #expect(throws: DomainError.self) {
            try NoteDraft(author: author, spokeToCustomer: true, text: "Called back, refund agreed", createdAt: Self.written)
        }
        #expect(error?.field == "author")
        #expect(error?.message.contains("Your name") == true)
    }

    @Test("empty notes are refused, naming the field", arguments: ["", " ", "\n", "\t \r\n"])
    func emptyText(text: String) {
        let error = #expect(throws: DomainError.self) {
            try NoteDraft(author: "Lee", spokeToCustomer: false, text: text, createdAt: Self.written)
        }
        #expect(error?.field == "text")
    }

    @Test("a note keeps who wrote it (trimmed), whether they spoke, the text as written and when", arguments: [true, false])
    func kept(spoke: Bool) throws {
        let text = "  Left a voicemail.\nWill try again tomorrow 🙏  "
        let note = try NoteDraft(author: "  Lee Chen ", spokeToCustomer: spoke, text: text, createdAt: Self.written)
        #expect(note.author == "Lee Chen")
        #expect(note.spokeToCustomer == spoke)
        #expect(note.text == text)
        #expect(note.createdAt == Self.written)
    }

    @Test("the author is otherwise free text, up to 200 characters", arguments: [
        ("x", true), ("佐藤 花子", true), ("lee@example.com", true), (String(repeating: "名", count: 200), true),
        (String(repeating: "名", count: 201), false),
    ])
    func authorLength(author: String, accepted: Bool) {
        if accepted {
            #expect(throws: Never.self) { try NoteDraft(author: author, spokeToCustomer: false, text: "ok", createdAt: Self.written) }
        } else {
            let error = #expect(throws: DomainError.self) {
                try NoteDraft(author: author, spokeToCustomer: false, text: "ok", createdAt: Self.written)
            }
            #expect(error?.field == "author")
        }
    }

    @Test("notes may be up to 10,000 characters, counted as code points as JSON Schema counts them", arguments: [
        (String(repeating: "対", count: 10_000), true), (String(repeating: "👍🏽", count: 5_000), true), (String(repeating: "👍🏽", count: 5_001), false),
        (String(repeating: "対", count: 10_001), false), (String(repeating: "a", count: 10_001), false),
    ])
    func textLength(text: String, accepted: Bool) {
        if accepted {
            #expect(throws: Never.self) { try NoteDraft(author: "Lee", spokeToCustomer: true, text: text, createdAt: Self.written) }
        } else {
            let error = #expect(throws: DomainError.self) {
                try NoteDraft(author: "Lee", spokeToCustomer: true, text: text, createdAt: Self.written)
            }
            #expect(error?.field == "text")
        }
    }
}
