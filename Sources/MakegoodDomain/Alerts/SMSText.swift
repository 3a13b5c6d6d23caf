/// The text of a daily alert SMS: how many unhappy customers, for which groups, and a link to the notes dialog.
/// It always fits in two segments; a long group list is shortened to "+N more".
public enum SMSText {
    /// The unhappy customers of one local day.
    public struct DayCount: Equatable, Sendable {
        /// A short day name, such as "Sat".
        public let label: String
        public let count: Int

        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }

    /// One day's text, or the Monday text after a weekend hold with the count of each held day.
    public static func compose(days: [DayCount], groups: [String], link: String) -> String {
        let total = days.reduce(0) { $0 + $1.count }
        let counts: String
        if days.count == 1 {
            counts = "\(total) unhappy customer\(total == 1 ? "" : "s") to call back"
        } else {
            counts = "\(total) unhappy customer\(total == 1 ? "" : "s") to call back ("
                + days.map { "\($0.label) \($0.count)" }.joined(separator: ", ") + ")"
        }
        if let text = fitting(groups, { "Makegood: \(counts) for \($0). Notes: \(link)" }) { return text }
        let text = "Makegood: \(counts). Notes: \(link)"
        return fits(text) ? text : "Makegood: \(total) unhappy customers. Notes: \(link)"
    }

    /// A reminder's text (issue 21): how many overdue cases, for which groups, and a link to My queue.
    public static func reminder(overdue count: Int, groups: [String], link: String) -> String {
        let cases = "\(count) overdue recovery case\(count == 1 ? "" : "s")"
        return fitting(groups, { "Makegood: \(cases) (\($0)). Queue: \(link)" }) ?? "Makegood: \(cases). Queue: \(link)"
    }

    /// The text with the longest group list that fits, dropping names from the end ("+N more"); nil when even
    /// "+N more" does not. The link is never cut.
    static func fitting(_ groups: [String], _ text: (String) -> String) -> String? {
        for shown in stride(from: groups.count, through: 0, by: -1) {
            var list = groups.prefix(shown).joined(separator: ", ")
            if shown < groups.count { list += (list.isEmpty ? "" : " ") + "+\(groups.count - shown) more" }
            let candidate = text(list)
            if fits(candidate) { return candidate }
        }
        return nil
    }

    /// Whether a text fits in two segments.
    public static func fits(_ text: String) -> Bool {
        SMSEncoding.units(text) <= SMSEncoding.twoSegmentLimit(SMSEncoding.of(text))
    }
}
