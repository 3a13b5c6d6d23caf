import Foundation
import MakegoodStore
import Testing

/// Report links open without a login only while their signature and expiry hold.
@Suite struct SignedLinkTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let signer = LinkSigner(secret: "a-test-secret-that-is-long-enough-for-hmac")
    static let grant = LinkGrant(cpc: "acme", rgid: "TEAM", date: "2026-11-18", recipient: "c-1", expires: now.addingTimeInterval(LinkGrant.lifetime))

    @Test func aSignedGrantVerifies() throws {
        try Self.signer.verify(Self.grant, signature: Self.signer.sign(Self.grant), now: Self.now)
    }

    @Test("an altered grant is refused", arguments: [
        { (g: inout LinkGrant) in g.rgid = "OTHER" }, { g in g.date = "2026-11-19" }, { g in g.cpc = "evil" },
        { g in g.tid = "T-1" }, { g in g.recipient = nil }, { g in g.expires = g.expires.addingTimeInterval(86_400) },
        // Moving characters between fields must not keep the signature valid.
        { g in g.rgid = "TEAM2026-11-18"; g.date = nil },
    ] as [@Sendable (inout LinkGrant) -> Void])
    func alteredGrantIsRefused(change: @Sendable (inout LinkGrant) -> Void) {
        let signature = Self.signer.sign(Self.grant)
        var altered = Self.grant
        change(&altered)
        #expect(throws: LinkSigner.Refusal.badSignature) { try Self.signer.verify(altered, signature: signature, now: Self.now) }
    }

    @Test func forgedSignaturesAreRefused() {
        let other = LinkSigner(secret: "another-secret-another-secret-another")
        for signature in [other.sign(Self.grant), "", "not base64 !", String(repeating: "A", count: 43)] {
            #expect(throws: LinkSigner.Refusal.badSignature) { try Self.signer.verify(Self.grant, signature: signature, now: Self.now) }
        }
    }

    @Test func expiredLinksAreRefused() {
        let signature = Self.signer.sign(Self.grant)
        #expect(throws: LinkSigner.Refusal.expired) { try Self.signer.verify(Self.grant, signature: signature, now: Self.grant.expires) }
    }

    @Test func urlCarriesTheGrant() throws {
        let url = Self.signer.url(Self.grant, path: "service-recovery-notes", baseURL: URL(string: "https://mg.example.com")!)
        let items = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems)
        #expect(url.path == "/service-recovery-notes")
        #expect(items.map(\.name) == ["cpc", "rgid", "date", "r", "exp", "sig"])
    }
}
