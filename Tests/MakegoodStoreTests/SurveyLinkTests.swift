import Foundation
import MakegoodStore
import Testing

/// A survey email's links (issue 22) answer one invitation until they expire, and unsubscribe its address always;
/// nothing else verifies with their signatures.
@Suite struct SurveyLinkTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let signer = LinkSigner(secret: "a-test-secret-that-is-long-enough-for-hmac")
    static let base = URL(string: "https://makegood.example")!
    static let answer = SurveyLink(cpc: "acme", invitation: UUID(), purpose: .answer, expires: now.addingTimeInterval(30 * 86_400))

    /// The link read back from its own URL, as the survey page reads it, with its signature.
    static func readBack(_ url: URL, purpose: SurveyLink.Purpose) -> (SurveyLink?, String?, String?) {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        return (SurveyLink.read(purpose: purpose, cpc: value("cpc"), invitation: value("i"), exp: value("exp")), value("sig"), value("q1"))
    }

    @Test func aRatingLinkVerifiesAndNamesItsRating() throws {
        let url = Self.signer.url(Self.answer, rating: 3, baseURL: Self.base)
        #expect(url.path == "/survey")
        let (link, signature, rating) = Self.readBack(url, purpose: .answer)
        #expect(link == Self.answer && rating == "3")
        try Self.signer.verify(try #require(link), signature: try #require(signature), now: Self.now)
    }

    @Test("a changed link is refused", arguments: [
        { (l: inout SurveyLink) in l.cpc = "other" }, { l in l.invitation = UUID() }, { l in l.expires = l.expires?.addingTimeInterval(86_400) },
        { l in l.purpose = .unsubscribe }, { l in l.expires = nil },
    ] as [@Sendable (inout SurveyLink) -> Void])
    func changedLinksAreRefused(change: @Sendable (inout SurveyLink) -> Void) {
        let (_, signature, _) = Self.readBack(Self.signer.url(Self.answer, baseURL: Self.base), purpose: .answer)
        var changed = Self.answer
        change(&changed)
        #expect(throws: LinkSigner.Refusal.badSignature) { try Self.signer.verify(changed, signature: signature ?? "", now: Self.now) }
    }

    @Test func anAnswerLinkExpiresAndAnUnsubscribeLinkDoesNot() throws {
        let (_, signature, _) = Self.readBack(Self.signer.url(Self.answer, baseURL: Self.base), purpose: .answer)
        #expect(throws: LinkSigner.Refusal.expired) { try Self.signer.verify(Self.answer, signature: signature ?? "", now: Self.answer.expires!) }
        let unsubscribe = SurveyLink(cpc: "acme", invitation: Self.answer.invitation, purpose: .unsubscribe, expires: nil)
        let url = Self.signer.url(unsubscribe, baseURL: Self.base)
        #expect(url.path == "/survey/unsubscribe")
        let (link, unsubscribeSignature, _) = Self.readBack(url, purpose: .unsubscribe)
        try Self.signer.verify(try #require(link), signature: unsubscribeSignature ?? "", now: Self.now.addingTimeInterval(3650 * 86_400))
    }

    @Test func aReportLinksSignatureDoesNotOpenASurvey() {
        let grant = LinkGrant(cpc: "acme", expires: Self.answer.expires!)
        #expect(throws: LinkSigner.Refusal.badSignature) { try Self.signer.verify(Self.answer, signature: Self.signer.sign(grant), now: Self.now) }
    }

    @Test("a link with a part missing or malformed reads as none", arguments: [
        (cpc: nil as String?, i: UUID().uuidString as String?, exp: "1800000000" as String?), (cpc: "", i: UUID().uuidString, exp: "1800000000"),
        (cpc: "acme", i: "not-a-uuid", exp: "1800000000"), (cpc: "acme", i: UUID().uuidString, exp: nil), (cpc: "acme", i: UUID().uuidString, exp: "soon"),
        // Beyond what a Date gives back as whole seconds: reading it must refuse it, not trap later.
        (cpc: "acme", i: UUID().uuidString, exp: "9223372036854775807"), (cpc: "acme", i: UUID().uuidString, exp: "-1"),
    ])
    func incompleteLinks(cpc: String?, i: String?, exp: String?) {
        #expect(SurveyLink.read(purpose: .answer, cpc: cpc, invitation: i, exp: exp) == nil)
    }
}
