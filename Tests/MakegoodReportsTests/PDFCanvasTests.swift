import Testing
@testable import MakegoodReports

/// What the drawing code hands to cairo.
@Suite struct PDFCanvasTests {
    /// A link target goes into cairo's `uri='…'` attribute: a quote or backslash in it must not end the attribute.
    @Test func linkTargetsHaveTheirQuotesAndBackslashesEscaped() {
        #expect(PDFCanvas.escapeAttribute("https://help.example.com/t/T-1?sig=abc") == "https://help.example.com/t/T-1?sig=abc")
        #expect(PDFCanvas.escapeAttribute("https://x.example/it's\\here") == "https://x.example/it\\'s\\\\here")
        #expect(PDFCanvas.escapeAttribute("'") == "\\'")
    }
}
