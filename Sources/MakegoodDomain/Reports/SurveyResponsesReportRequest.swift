public import Foundation

/// The filters of the Survey Responses Report (SPEC §4), read from its query and checked.
public struct SurveyResponsesReportRequest: Equatable, Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case html, csv, pdf
    }

    /// First and last local dates received, inclusive.
    public let from: LocalDate
    public let to: LocalDate
    /// Support Group Codes; empty means every group.
    public let groups: [String]
    /// Whether a Department's code also selects its Teams.
    public let combine: Bool
    public let minRating: Int?
    public let maxRating: Int?
    public let srn: SRNFilter
    /// Only responses whose recovery case is in this state.
    public let state: CaseState?
    public let format: Format

    /// How many days the report covers when `from` is not given.
    public static let defaultDays = 30
    /// The longest span one report may cover, so a mistyped year can't ask for a century of rows.
    public static let maxDays = 3_660

    /// Reads the query values; `today` is the instance's local date, which `to` defaults to.
    public init(
        from: String?, to: String?, groups: [String], combine: String?, min: String?, max: String?, srn: String?,
        state: String? = nil, format: String?, today: LocalDate
    ) throws(DomainError) {
        func date(_ text: String?, field: String) throws(DomainError) -> LocalDate? {
            guard let text, !text.isEmpty else { return nil }
            guard let date = LocalDate(text) else {
                throw DomainError(field: field, "\(field) must be a local date written yyyy-mm-dd, such as 2026-11-23; got \(text)")
            }
            return date
        }
        func rating(_ text: String?, field: String) throws(DomainError) -> Int? {
            guard let text, !text.isEmpty else { return nil }
            guard let value = Int(text), (1...10).contains(value) else {
                throw DomainError(field: field, "\(field) must be a rating from 1 to 10; got \(text)")
            }
            return value
        }
        let to = try date(to, field: "to") ?? today
        let from = try date(from, field: "from") ?? to.adding(days: -(Self.defaultDays - 1))
        guard from <= to else {
            throw DomainError(field: "from", "from (\(from)) is after to (\(to)); swap them")
        }
        guard from.adding(days: Self.maxDays) >= to else {
            throw DomainError(field: "from", "a report covers at most \(Self.maxDays) days; narrow from and to")
        }
        let minRating = try rating(min, field: "min")
        let maxRating = try rating(max, field: "max")
        if let minRating, let maxRating, minRating > maxRating {
            throw DomainError(field: "min", "min (\(minRating)) is above max (\(maxRating)); swap them")
        }
        guard let filter = SRNFilter(query: srn.flatMap { $0.isEmpty ? nil : $0 }) else {
            throw DomainError(field: "srn", "srn must be one of n, y, r, x, w, v or s; got \(srn ?? "")")
        }
        self.state = try CaseState.filter(state)
        let formatText = (format.flatMap { $0.isEmpty ? nil : $0 } ?? "html").lowercased()
        guard let format = Format(rawValue: formatText) else {
            throw DomainError(field: "format", "format must be html, csv or pdf; got \(formatText)")
        }
        switch combine?.lowercased() {
        case nil, "", "n", "no": self.combine = false
        case "y", "yes": self.combine = true
        default: throw DomainError(field: "combine", "combine must be y or n; got \(combine ?? "")")
        }
        var seen = Set<String>()
        self.groups = groups.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
        self.from = from
        self.to = to
        self.minRating = minRating
        self.maxRating = maxRating
        self.srn = filter
        self.format = format
    }
}
