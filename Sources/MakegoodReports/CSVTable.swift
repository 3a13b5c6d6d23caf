import Foundation

/// RFC 4180 CSV for spreadsheets, safe against formula injection: a cell a spreadsheet would read as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a leading `'`, so customer text
/// is shown, never run. A cell holding `;` or a tab is quoted as well as one holding `,`: spreadsheets in locales
/// whose decimal mark is a comma split on `;`, and some split on tabs, so such a cell would spill into the next.
public struct CSVTable: Sendable {
    private(set) public var text = ""

    public init(header: [String]) {
        append(header)
    }

    public mutating func append(_ row: [String]) {
        text += row.map(Self.cell).joined(separator: ",")
        text += "\r\n"
    }

    /// One cell, neutralised and quoted when it needs to be.
    public static func cell(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, formulaStarts.contains(first) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == ";" || $0 == "\t" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
