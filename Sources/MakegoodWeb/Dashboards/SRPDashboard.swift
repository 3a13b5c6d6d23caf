import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodReports
import MakegoodStore

/// The SRP dashboard: Service Recovery Performance per Support Group and rolled up per Department, with weekly
/// trend charts drawn as SVG by the server.
struct SRPDashboard {
    let services: PageServices
    let visitor: PortalVisitor
    let request: SRPRequest

    var instance: Instance { visitor.instance }

    enum Metric: String {
        case recovered, hours
    }

    /// What the page or a chart shows: the groups, and either each response's facts (the weekly chart needs when
    /// each came) or the facts counted (the table's figures don't).
    struct Data: Sendable {
        let groups: [SupportGroup]
        let hierarchy: GroupHierarchy
        var facts: [PerformanceRepository.Fact] = []
        var tallies: [PerformanceRepository.Tally] = []
        /// The recovery cases of the same responses, counted, for the table's case measures.
        var cases: [(code: String?, tally: CaseMeasures.Tally)] = []
        /// The re-surveys of those cases, counted by the ratings before and after.
        var resurveys: [ResurveyMeasures.Tally] = []
    }

    func load(counted: Bool) async throws -> Data {
        let instance = instance
        let zone = instance.preferences.timezone
        let request = request
        let now = services.now()
        return try await services.store.read { db in
            let scope = db.scoped(to: instance.id)
            let hierarchy = try await scope.supportGroups.hierarchy()
            // A Department asked for brings its Teams, so its rollup is whole.
            let wanted = request.groups.isEmpty ? nil : Array(request.groups.reduce(into: Set<String>()) { $0.formUnion(hierarchy.descendants(of: $1)) })
            let groups = try await scope.supportGroups.list().filter { wanted?.contains($0.code) ?? true }
            var data = Data(groups: groups, hierarchy: hierarchy)
            let (from, before) = (request.from.startOfDay(in: zone), request.to.adding(days: 1).startOfDay(in: zone))
            let threshold = instance.preferences.threshold
            if counted {
                data.tallies = try await scope.performance.tallies(receivedFrom: from, before: before, groups: wanted, threshold: threshold)
                data.cases = try await scope.cases.measureTallies(alertedFrom: from, before: before, groups: groups.map(\.code), now: now)
                data.resurveys = try await scope.surveyInvitations.resurveyTallies(alertedFrom: from, before: before, groups: groups.map(\.code))
            } else {
                data.facts = try await scope.performance.facts(receivedFrom: from, before: before, groups: wanted, threshold: threshold)
            }
            return data
        }
    }

    func response() async throws -> Response {
        let data = try await load(counted: true)
        let target = instance.preferences.targetHours
        let byGroup = Dictionary(grouping: data.tallies, by: \.code)
        func row(_ name: String, _ tallies: [PerformanceRepository.Tally], kind: String) -> [String: Any] {
            let figures = RecoveryPerformance(tallies: tallies.map { ($0.facts, $0.count) }, targetHours: target)
            return [
                "name": name, "kind": kind, "needing": "\(figures.needingRecovery)", "withNote": "\(figures.withNote)",
                "spoken": "\(figures.spokenTo)", "recovered": figures.recoveredWithinTargetPercent.map { Self.format($0) + "%" } ?? "—",
                "median": figures.medianHoursToFirstNote.map(Self.format) ?? "—", "p90": figures.p90HoursToFirstNote.map(Self.format) ?? "—",
            ]
        }
        let casesByGroup = Dictionary(grouping: data.cases, by: { $0.code ?? "" })
        func caseRow(_ name: String, _ tallies: [(code: String?, tally: CaseMeasures.Tally)], kind: String) -> [String: Any] {
            let measures = CaseMeasures(tallies.map(\.tally))
            var row: [String: Any] = [
                "name": name, "kind": kind, "open": "\(measures.open)", "overdue": "\(measures.overdue)",
                "closed": "\(measures.closedCount)", "recoveredShare": measures.recoveredPercent.map { Self.format($0) + "%" } ?? "—",
                "medianClose": measures.medianHoursToClose.map(Self.format) ?? "—",
            ]
            for resolution in CaseResolution.allCases { row[resolution.rawValue] = "\(measures.closed[resolution] ?? 0)" }
            return row
        }
        let groups = data.groups.sorted { $0.name < $1.name }
        let rows = groups.map { row("\($0.name) (\($0.code))", byGroup[$0.code] ?? [], kind: "group") }
        let caseRows = groups.map { caseRow("\($0.name) (\($0.code))", casesByGroup[$0.code] ?? [], kind: "group") }
        var caseDepartments: [[String: Any]] = []
        let departments = groups.compactMap { group -> [String: Any]? in
            let members = data.hierarchy.descendants(of: group.code)
            guard members.count > 1 else { return nil }
            let name = "\(group.name) (\(group.code)) and its \(members.count - 1) team\(members.count == 2 ? "" : "s")"
            caseDepartments.append(caseRow(name, data.cases.filter { $0.code.map(members.contains) == true }, kind: "department"))
            return row(name, data.tallies.filter { members.contains($0.code) }, kind: "department")
        }
        let resurveysByGroup = Dictionary(grouping: data.resurveys, by: \.group)
        let resurveyRows = groups.map { Self.resurveyRow("\($0.name) (\($0.code))", resurveysByGroup[$0.code] ?? [], kind: "group") }
        let chartQuery = chartQueryItems()
        var page: [String: Any] = [
            "title": "Service Recovery Performance", "visitor": visitor.header, "instanceName": instance.name, "cpc": instance.cpc,
            "from": request.from.description, "to": request.to.description, "targetHours": "\(target)",
            "rows": rows, "departments": departments, "total": row("All groups shown", data.tallies, kind: "total"),
            "caseRows": caseRows, "caseDepartments": caseDepartments,
            "caseTotal": caseRow("All groups shown", data.cases.filter { $0.code.map(Set(groups.map(\.code)).contains) == true }, kind: "total"),
            "resurveyRows": resurveyRows, "resurveyTotal": Self.resurveyRow("All groups shown", data.resurveys, kind: "total"),
            "resurveyOn": instance.preferences.resurveyAfterDays.map { "\($0) days after a case is closed as recovered" } ?? "off",
            "groups": try await allGroups(),
            "recoveredChart": Self.chartURL(chartQuery, metric: .recovered), "hoursChart": Self.chartURL(chartQuery, metric: .hours),
        ]
        page["hasDepartments"] = !departments.isEmpty
        return services.renderer.render("dashboard-srp", page)
    }

    /// A row of the re-survey table: were the recovered customers won back?
    static func resurveyRow(_ name: String, _ tallies: [ResurveyMeasures.Tally], kind: String) -> [String: Any] {
        let m = ResurveyMeasures(tallies)
        func percent(_ value: Double?) -> String { value.map { format($0) + "%" } ?? "—" }
        return [
            "name": name, "kind": kind, "resurveyed": "\(m.resurveyed)", "answered": "\(m.answered)",
            "before": m.averageBefore.map(format) ?? "—", "after": m.averageAfter.map(format) ?? "—",
            "toPromoters": percent(m.detractorsToPromotersPercent), "toPassives": percent(m.detractorsToPassivesPercent),
        ]
    }

    private func allGroups() async throws -> [[String: Any]] {
        let instanceID = instance.id
        let selected = Set(request.groups)
        return try await services.store.read { try await $0.scoped(to: instanceID).supportGroups.list() }
            .sorted { $0.name < $1.name }
            .map { ["code": $0.code, "name": $0.name, "selected": selected.contains($0.code)] }
    }

    func chartQueryItems() -> [URLQueryItem] {
        [URLQueryItem(name: "cpc", value: instance.cpc), URLQueryItem(name: "from", value: request.from.description),
            URLQueryItem(name: "to", value: request.to.description)]
            + request.groups.map { URLQueryItem(name: "rgid", value: $0) }
    }

    static func chartURL(_ items: [URLQueryItem], metric: Metric) -> String {
        var components = URLComponents()
        components.path = DashboardsController.chartPath
        components.queryItems = items + [URLQueryItem(name: "metric", value: metric.rawValue)]
        return components.percentEncodedURLString
    }

    /// The weekly trend of the groups shown, as an SVG document.
    func chart(_ metric: Metric) async throws -> String {
        let data = try await load(counted: false)
        let trend = PerformanceTrend(
            facts: data.facts.map { ($0.receivedAt, $0.facts) }, from: request.from, to: request.to,
            in: instance.preferences.timezone, targetHours: instance.preferences.targetHours)
        let points = trend.weeks.map { week in
            TrendChartSVG.Point(
                label: Self.weekLabel(week.start),
                value: metric == .recovered ? week.figures.recoveredWithinTargetPercent : week.figures.medianHoursToFirstNote)
        }
        let scope = request.groups.isEmpty ? "all Support Groups" : request.groups.joined(separator: ", ")
        switch metric {
        case .recovered:
            return TrendChartSVG(
                title: "Recovered within \(instance.preferences.targetHours) hours, by week",
                description: "The share of alerted unhappy customers first spoken to within the Service Recovery Target, each week from \(request.from) to \(request.to), for \(scope).",
                unit: "%", points: points, maxValue: 100
            ).render()
        case .hours:
            return TrendChartSVG(
                title: "Median hours from alert to first note, by week",
                description: "The median time from the alert to the first Service Recovery Note, each week from \(request.from) to \(request.to), for \(scope).",
                unit: "hours", points: points
            ).render()
        }
    }

    static func weekLabel(_ date: LocalDate) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(date.day) \(months[date.month - 1])"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
