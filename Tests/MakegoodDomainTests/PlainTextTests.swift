import Foundation
@testable import MakegoodDomain
import Testing

/// PlainText's fast paths must give the answers of the general rules they stand in for.
@Suite struct PlainTextTests {
    static let samples = [
        "", " ", "Ann", " Ann", "Ann ", "\tAnn\n", "\u{00A0}Ann", "Ann\u{2003}", "Ann\u{85}", "\r\n", "Ça va", "対応が遅い ",
        " 対応", "Ann\u{0}", "\u{7F}x", "x\u{1B}[31m", "a\u{80}b", "a\u{9F}", "line one\nline two", "tab\there", "👍🏽",
        "\u{200B}Ann", "Ann\u{FEFF}", "e\u{301}",
    ]

    @Test func trimmedIsFoundationsTrimming() {
        for text in Self.samples {
            #expect(PlainText.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }

    @Test func controlCharactersAreFoundWhateverTheScript() {
        let allowed: Set<Unicode.Scalar> = ["\t", "\n", "\r"]
        for text in Self.samples {
            let general = text.unicodeScalars.first { $0.properties.generalCategory == .control && !allowed.contains($0) }
            #expect(PlainText.firstControlCharacter(in: text) == general, "\(text.debugDescription)")
        }
        #expect(throws: DomainError.self) { try PlainText.validate("Ann\u{1B}", field: "agent") }
        #expect(throws: DomainError.self) { try PlainText.validate("Ça\u{85}", field: "agent") }
    }

    @Test func lengthLimitCountsCodePoints() {
        #expect(!PlainText.isLonger(String(repeating: "é", count: 500), than: 500))
        #expect(PlainText.isLonger(String(repeating: "é", count: 501), than: 500))
        #expect(!PlainText.isLonger(String(repeating: "a", count: 500), than: 500))
        #expect(PlainText.isLonger(String(repeating: "a", count: 501), than: 500))
    }
}
