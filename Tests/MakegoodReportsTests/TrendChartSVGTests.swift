import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MakegoodReports
import Testing

/// The SRP trend chart is a valid SVG document with one point per week, and customer-controlled text stays text.
@Suite struct TrendChartSVGTests {
    final class Counter: NSObject, XMLParserDelegate {
        var points = 0
        var titles: [String] = []
        private var inTitle = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            if name == "g", attributes["class"] == "point" { points += 1 }
            if name == "title" { inTitle = true; titles.append("") }
            if name == "script" || name == "foreignObject" { Issue.record("unexpected <\(name)> element") }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title" { inTitle = false }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inTitle { titles[titles.count - 1] += string }
        }
    }

    func parse(_ svg: String) throws -> Counter {
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = Counter()
        parser.delegate = counter
        let parsed = parser.parse()
        let problem = parser.parserError.map { String(describing: $0) } ?? ""
        #expect(parsed, "the SVG parses as XML: \(problem)")
        return counter
    }

    @Test("one point per week, gaps for weeks without data", arguments: [1, 2, 12, 53])
    func pointsPerWeek(weeks: Int) throws {
        let points = (0..<weeks).map { week -> TrendChartSVG.Point in
            let value: Double? = week % 3 == 0 ? nil : Double(week * 7 % 100)
            return TrendChartSVG.Point(label: "week \(week)", value: value)
        }
        let svg = TrendChartSVG(title: "Recovered", description: "by week", unit: "%", points: points, maxValue: 100).render()
        let parsed = try parse(svg)
        #expect(parsed.points == weeks)
        #expect(svg.hasPrefix("<?xml") && svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"chart-title chart-desc\""))
    }

    @Test func hostileTextIsEscaped() throws {
        let hostile = "</title><script>alert(1)</script> & \"quotes\" 'single' \u{1}"
        let svg = TrendChartSVG(
            title: hostile, description: hostile, unit: "hours", points: [TrendChartSVG.Point(label: hostile, value: 3)]
        ).render()
        let parsed = try parse(svg)
        #expect(!svg.contains("<script>"))
        #expect(parsed.titles.first == "</title><script>alert(1)</script> & \"quotes\" 'single' ")
    }
}
