import Foundation

/// A line chart of one measure over time, as a standalone SVG document drawn by the server (no JavaScript), with
/// an accessible title and description, and every text escaped as XML.
public struct TrendChartSVG: Sendable {
    /// One point of the series; `value` nil when there was nothing to measure (drawn as a gap).
    public struct Point: Sendable {
        public let label: String
        public let value: Double?

        public init(label: String, value: Double?) {
            self.label = label
            self.value = value
        }
    }

    public let title: String
    public let description: String
    /// What a value is counted in, such as "%" or "hours".
    public let unit: String
    public let points: [Point]
    /// The top of the scale; the largest value (rounded up) when nil.
    public let maxValue: Double?

    public init(title: String, description: String, unit: String, points: [Point], maxValue: Double? = nil) {
        self.title = title
        self.description = description
        self.unit = unit
        self.points = points
        self.maxValue = maxValue
    }

    static let width = 640.0, height = 260.0
    static let left = 52.0, right = 36.0, top = 36.0, bottom = 46.0

    public func render() -> String {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let top = maxValue ?? Self.niceCeiling(points.compactMap(\.value).max() ?? 0)
        let step = points.count > 1 ? plotWidth / Double(points.count - 1) : 0
        func x(_ index: Int) -> Double { points.count > 1 ? Self.left + Double(index) * step : Self.left + plotWidth / 2 }
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - min(value, top) / max(top, 1e-9)) }

        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" width="\(Int(Self.width))" height="\(Int(Self.height))" role="img" aria-labelledby="chart-title chart-desc" font-family="DejaVu Sans, sans-serif" font-size="11">
            <title id="chart-title">\(Self.escape(title))</title>
            <desc id="chart-desc">\(Self.escape(description))</desc>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(Self.left)" y="20" font-size="13" font-weight="bold" fill="#1f2328">\(Self.escape(title))</text>

            """
        for fraction in [0.0, 0.5, 1.0] {
            let value = top * fraction
            let lineY = Self.format(y(value))
            svg += "<line x1=\"\(Self.format(Self.left))\" y1=\"\(lineY)\" x2=\"\(Self.format(Self.width - Self.right))\" y2=\"\(lineY)\" stroke=\"#d7dbe0\"/>\n"
            svg += "<text x=\"\(Self.format(Self.left - 6))\" y=\"\(lineY)\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#5b636d\">\(Self.escape(Self.format(value) + (unit == "%" ? "%" : "")))</text>\n"
        }
        // Lines join consecutive measured weeks only; a week with nothing to measure leaves a gap.
        var run: [String] = []
        func flush() {
            if run.count > 1 { svg += "<polyline fill=\"none\" stroke=\"#2457a6\" stroke-width=\"2\" points=\"\(run.joined(separator: " "))\"/>\n" }
            run = []
        }
        for (index, point) in points.enumerated() {
            if let value = point.value { run.append("\(Self.format(x(index))),\(Self.format(y(value)))") } else { flush() }
        }
        flush()
        let labelEvery = max(1, Int((Double(points.count) / 10).rounded(.up)))
        for (index, point) in points.enumerated() {
            let text = point.value.map { "\(Self.format($0)) \(unit)" } ?? "no data"
            svg += "<g class=\"point\"><title>\(Self.escape("\(point.label): \(text)"))</title>"
            if let value = point.value {
                svg += "<circle cx=\"\(Self.format(x(index)))\" cy=\"\(Self.format(y(value)))\" r=\"4\" fill=\"#2457a6\"/>"
            } else {
                svg += "<circle cx=\"\(Self.format(x(index)))\" cy=\"\(Self.format(y(0)))\" r=\"3\" fill=\"none\" stroke=\"#9aa1a9\"/>"
            }
            if index % labelEvery == 0 {
                svg += "<text x=\"\(Self.format(x(index)))\" y=\"\(Self.format(Self.height - Self.bottom + 18))\" text-anchor=\"middle\" fill=\"#5b636d\">\(Self.escape(point.label))</text>"
            }
            svg += "</g>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    static func escape(_ text: String) -> String { MarkupText.escape(text) }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// A round number at or above `value`, so the scale reads easily (1, 2, 5, 10, 20, 50 …).
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        for factor in [1.0, 2, 5, 10] where value <= factor * magnitude { return factor * magnitude }
        return 10 * magnitude
    }
}
