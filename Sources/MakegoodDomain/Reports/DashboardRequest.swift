public import Foundation

/// The SRES dashboard's view (SPEC §5), read from its URL so every view can be bookmarked and shared: the report's
/// filters plus segments, a sort column and a page.
public struct SRESRequest: Equatable, Sendable {
    public enum SortColumn: String, Sendable, CaseIterable {
        case date, group, agent, customer, segment, rating
    }

    public let filters: SurveyResponsesReportRequest
    public let segments: [String]
    public let sort: SortColumn
    public let descending: Bool
    /// 1-based.
    public let page: Int

    public static let pageSize = 50

    public init(
        from: String?, to: String?, groups: [String], segments: [String], min: String?, max: String?, srn: String?,
        state: String? = nil, sort: String?, dir: String?, page: String?, format: String?, today: LocalDate
    ) throws(DomainError) {
        // The dashboard's ServiceRecoveryNotes filter offers "(none)" and r x w v s; n and y both mean "(none)".
        let srn = srn.flatMap { ["", "n", "y"].contains($0.lowercased()) ? nil : $0 }
        let format = format.flatMap { $0.isEmpty ? nil : $0 }
        if let format, !["html", "csv"].contains(format.lowercased()) {
            throw DomainError(field: "format", "format must be html or csv; got \(format)")
        }
        filters = try SurveyResponsesReportRequest(
            from: from, to: to, groups: groups, combine: nil, min: min, max: max, srn: srn, state: state, format: format, today: today)
        var seen = Set<String>()
        self.segments = segments.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
        let sortText = (sort.flatMap { $0.isEmpty ? nil : $0 } ?? "date").lowercased()
        guard let column = SortColumn(rawValue: sortText) else {
            throw DomainError(field: "sort", "sort must be one of date, group, agent, customer, segment or rating; got \(sortText)")
        }
        self.sort = column
        switch dir?.lowercased() {
        case nil, "", "desc": descending = true
        case "asc": descending = false
        default: throw DomainError(field: "dir", "dir must be asc or desc; got \(dir ?? "")")
        }
        let pageText = page.flatMap { $0.isEmpty ? nil : $0 } ?? "1"
        guard let number = Int(pageText), number >= 1, number <= 1_000_000 else {
            throw DomainError(field: "page", "page must be a whole number from 1; got \(pageText)")
        }
        self.page = number
    }

    /// The settings of the ServiceRecoveryNotes filter, in the order the dashboard offers them.
    public static let noteFilters: [SRNFilter] = [.needingRecovery, .needingRecoveryWithoutNotes, .withNotes, .neverSpoken, .hasSpoken]
}

/// The SRP dashboard's view: a date range (twelve weeks to today by default) and groups.
public struct SRPRequest: Equatable, Sendable {
    public let from: LocalDate
    public let to: LocalDate
    public let groups: [String]

    public static let defaultDays = 84

    public init(from: String?, to: String?, groups: [String], today: LocalDate) throws(DomainError) {
        let defaultFrom = (to.flatMap(LocalDate.init) ?? today).adding(days: -(Self.defaultDays - 1)).description
        let filters = try SurveyResponsesReportRequest(
            from: from.flatMap { $0.isEmpty ? nil : $0 } ?? defaultFrom, to: to, groups: groups, combine: nil, min: nil, max: nil,
            srn: nil, format: nil, today: today)
        self.from = filters.from
        self.to = filters.to
        self.groups = filters.groups
    }
}
