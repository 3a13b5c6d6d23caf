import Testing
@testable import MakegoodWeb

/// The login's `next` leads only to a path of this site (LocalRedirect).
@Suite struct LocalRedirectTests {
    @Test("a path of this site is kept as it is", arguments: [
        "/", "/portal?cpc=acme", "/service-recovery-notes?cpc=acme&rgid=TEAM&tid=T%201", "/reports/survey-responses?cpc=a&srn=r#top",
        "/a/%2F/b",
    ])
    func keeps(next: String) {
        #expect(LocalRedirect.path(next) == next)
    }

    @Test("anything a browser could read as another site is refused", arguments: [
        "", "https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example",
        "/\r/evil.example", "\t//evil.example", " //evil.example", "/\u{0}/evil.example", "/\u{7F}/evil.example", "/\u{85}/evil.example",
        "/portal\\..\\\\evil.example", "javascript:alert(1)", "portal", "http:/evil.example", "/%0A/x\n",
    ])
    func refuses(next: String) {
        #expect(LocalRedirect.path(next) == nil)
    }

    @Test func absentIsNil() {
        #expect(LocalRedirect.path(nil) == nil)
    }
}
