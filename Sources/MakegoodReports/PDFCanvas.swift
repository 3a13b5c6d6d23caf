import CPangoCairo
import Foundation

/// A Cairo PDF surface with Pango text: the few drawing operations the reports need.
final class PDFCanvas {
    static let a4 = (width: 595.28, height: 841.89)
    let cairo: OpaquePointer
    private let surface: OpaquePointer
    private let output = Output()
    /// One Pango context for every layout of the document, and each font description parsed once: a context per
    /// layout (`pango_cairo_create_layout`) cost a fifth of the time it takes to draw a report.
    private let context: OpaquePointer
    private var fonts: [String: OpaquePointer] = [:]

    /// Where Cairo writes the document: memory, not a temporary file (20,000 reports a day are 20,000 files less).
    private final class Output {
        var bytes = Data()
    }

    init() {
        surface = cairo_pdf_surface_create_for_stream(
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<Output>.fromOpaque(closure).takeUnretainedValue().bytes.append(data, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(output).toOpaque(), Self.a4.width, Self.a4.height)
        cairo = cairo_create(surface)
        context = pango_cairo_create_context(cairo)
    }

    deinit {
        for description in fonts.values { pango_font_description_free(description) }
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    /// A text block laid out for a width: plain text, never markup.
    func layout(_ text: String, font: String, width: Double) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        pango_layout_set_font_description(layout, description(of: font))
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_text(layout, Self.winAnsiSpaces(text), -1)
        return layout
    }

    private func description(of font: String) -> OpaquePointer {
        if let known = fonts[font] { return known }
        let description = pango_font_description_from_string(font)!
        fonts[font] = description
        return description
    }

    /// The text with its narrow no-break spaces (which Foundation puts before "AM" and "PM") as plain spaces. Cairo
    /// embeds a second subset of a font for any character outside the WinAnsi set (even U+00A0): 2.6 KB of a
    /// 33 KB report, drawn and compressed for each of a day's thousands of reports.
    static func winAnsiSpaces(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{202F}") else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{202F}" ? " " : $0 }))
    }

    /// The height of a layout in points.
    func height(of layout: OpaquePointer) -> Double {
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        return Double(height) / Double(PANGO_SCALE)
    }

    /// Draws a layout with its top-left corner at (x, y).
    func draw(_ layout: OpaquePointer, x: Double, y: Double, colour: (Double, Double, Double) = (0.13, 0.13, 0.13)) {
        cairo_set_source_rgb(cairo, colour.0, colour.1, colour.2)
        cairo_move_to(cairo, x, y)
        pango_cairo_show_layout(cairo, layout)
    }

    /// Makes what `body` draws a PDF link annotation to `url` (one annotation, however many things are drawn). The
    /// URL goes through `PDFLinkURI`, which leaves no quote or backslash for cairo's attribute syntax either.
    func link(to url: String?, _ body: () -> Void) {
        guard let url else { return body() }
        cairo_tag_begin(cairo, CAIRO_TAG_LINK, "uri='\(PDFLinkURI.encode(url))'")
        body()
        cairo_tag_end(cairo, CAIRO_TAG_LINK)
    }

    /// The lines of a layout with their top offsets and heights, to split a long text across pages.
    func lines(of layout: OpaquePointer) -> [(line: OpaquePointer, top: Double, height: Double, baseline: Double)] {
        var result: [(OpaquePointer, Double, Double, Double)] = []
        let iterator = pango_layout_get_iter(layout)!
        repeat {
            var ink = PangoRectangle()
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, &ink, &logical)
            let line = pango_layout_iter_get_line_readonly(iterator)!
            let scale = Double(PANGO_SCALE)
            result.append((OpaquePointer(line), Double(logical.y) / scale, Double(logical.height) / scale,
                           Double(pango_layout_iter_get_baseline(iterator)) / scale))
        } while pango_layout_iter_next_line(iterator) != 0
        pango_layout_iter_free(iterator)
        return result
    }

    /// Where a layout's last line ends: its right edge, top and height, relative to the layout's top-left corner.
    func endOfLastLine(of layout: OpaquePointer) -> (x: Double, top: Double, height: Double) {
        let iterator = pango_layout_get_iter(layout)!
        while pango_layout_iter_next_line(iterator) != 0 {}
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_iter_get_line_extents(iterator, &ink, &logical)
        pango_layout_iter_free(iterator)
        let scale = Double(PANGO_SCALE)
        return (Double(logical.x + logical.width) / scale, Double(logical.y) / scale, Double(logical.height) / scale)
    }

    /// A pencil (the notes link's mark) in a `size`-point square whose top-left corner is at (x, y), drawn as a path:
    /// as the text character ✎ it would make every report embed two more font subsets, a third of its bytes.
    func pencil(x: Double, y: Double, size: Double, colour: (Double, Double, Double)) {
        cairo_set_source_rgb(cairo, colour.0, colour.1, colour.2)
        // Along the square's diagonal, from the top end at the upper right to the point at the lower left.
        let along = (x: -1 / 2.squareRoot(), y: 1 / 2.squareRoot())
        let across = (x: along.y, y: -along.x)
        let top = (x: x + 0.86 * size, y: y + 0.14 * size)
        let point = (x: x + 0.1 * size, y: y + 0.9 * size)
        let half = 0.12 * size
        let tipLength = 0.24 * size
        let shoulder = (x: point.x - along.x * tipLength, y: point.y - along.y * tipLength)
        func to(_ p: (x: Double, y: Double), _ side: Double) -> (Double, Double) { (p.x + across.x * side, p.y + across.y * side) }
        for (index, corner) in [to(top, half), to(shoulder, half), (point.x, point.y), to(shoulder, -half), to(top, -half)].enumerated() {
            if index == 0 { cairo_move_to(cairo, corner.0, corner.1) } else { cairo_line_to(cairo, corner.0, corner.1) }
        }
        cairo_close_path(cairo)
        cairo_fill(cairo)
    }

    /// Draws one line of a layout with its baseline at y.
    func draw(line: OpaquePointer, x: Double, baseline: Double) {
        cairo_set_source_rgb(cairo, 0.13, 0.13, 0.13)
        cairo_move_to(cairo, x, baseline)
        pango_cairo_show_layout_line(cairo, UnsafeMutablePointer(line))
    }

    func fill(x: Double, y: Double, width: Double, height: Double, colour: (Double, Double, Double)) {
        cairo_set_source_rgb(cairo, colour.0, colour.1, colour.2)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_fill(cairo)
    }

    func free(_ layout: OpaquePointer) {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    func newPage() {
        cairo_show_page(cairo)
    }

    /// Finishes the document and returns its bytes.
    func finish() throws -> Data {
        cairo_destroy(cairo)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw PDFError(message: String(cString: cairo_status_to_string(status))) }
        return output.bytes
    }
}

/// Cairo could not write the PDF.
public struct PDFError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { "the PDF could not be written: \(message)" }
}
