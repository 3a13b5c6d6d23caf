import Testing
@testable import MakegoodReports

/// What the drawing code hands to cairo as a link's target (PDFLinkURI).
@Suite struct PDFLinkURITests {
    @Test(
        "PDF string syntax, quotes, spaces and non-ASCII are percent-encoded; delimiters and existing escapes stay",
        arguments: [
            ("https://help.example.com/t/T-1?sig=abc_-.~", "https://help.example.com/t/T-1?sig=abc_-.~"),
            ("https://x.example/a?b=1&c=2#d;e,f+g*h!i$j@k[l]:m=n", "https://x.example/a?b=1&c=2#d;e,f+g*h!i$j@k[l]:m=n"),
            ("https://x.example/t/T)%20/S%20/Launch", "https://x.example/t/T%29%20/S%20/Launch"),
            ("https://x.example/t/(x)", "https://x.example/t/%28x%29"),
            ("https://x.example/it's\\here", "https://x.example/it%27s%5Chere"),
            ("https://x.example/a b\tc\nd", "https://x.example/a%20b%09c%0Ad"),
            ("https://x.example/<>\"{}|^`", "https://x.example/%3C%3E%22%7B%7D%7C%5E%60"),
            ("https://x.example/日本", "https://x.example/%E6%97%A5%E6%9C%AC"),
            ("https://x.example/100%", "https://x.example/100%25"),
            ("https://x.example/%zz%4", "https://x.example/%25zz%254"),
            ("https://x.example/%2f", "https://x.example/%2f"),
        ])
    func encodes(url: String, expected: String) {
        #expect(PDFLinkURI.encode(url) == expected)
    }
}
