/// Customer text made safe inside HTML and XML (the email body, the SVG charts): every character that could start
/// markup is escaped, and the control characters XML 1.0 can't carry at all are dropped.
public enum MarkupText {
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r": continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
