import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodReports
import MakegoodStore

/// `/reports/survey-responses` (SPEC §4): the filtered responses of an instance, newest first, as an HTML page,
/// a CSV file or a PDF drawn by the same renderer as the alert reports.
struct SurveyResponsesReportController: Sendable {
    let services: PageServices

    static let path = "/reports/survey-responses"
    /// The most rows an HTML page or PDF shows; the CSV has them all.
    static let maxShownRows = 2_000

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get(RouterPath(Self.path)) { request, context in try await report(request, context: context) }
    }

    func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let cpc = query.get("cpc"), !cpc.isEmpty else {
            if let own = try await services.ownInstanceRedirect(request, context: context) { return own }
            throw PageError.badRequest("The URL needs cpc, your Client Portal Code, such as /reports/survey-responses?cpc=acme.")
        }
        guard let visitor = try await services.visitor(context) else { return PageServices.loginRedirect(cpc: cpc, request: request) }
        guard visitor.instance.cpc == cpc else { throw PageError.notFound(cpc: cpc) }
        guard visitor.access.mayOpenReports else {
            throw PageError(.forbidden, title: "Not allowed", "Reports are for admins, Support Leads and Also Alerts with dashboard access.")
        }
        let instance = visitor.instance
        let zone = instance.preferences.timezone
        let filters = try SurveyResponsesReportRequest(
            from: query.get("from"), to: query.get("to"), groups: query.getAll("rgid").map { String($0) }, combine: query.get("combine"),
            min: query.get("min"), max: query.get("max"), srn: query.get("srn"), state: query.get("state"), format: query.get("format"),
            today: LocalDate(containing: services.now(), in: zone))
        let data = try await services.store.read { db in
            try await SurveyResponsesReportData.load(filters, instance: instance, scope: db.scoped(to: instance.id),
                limit: filters.format == .csv ? nil : Self.maxShownRows)
        }
        let view = SurveyResponsesReportView(data: data, filters: filters, instance: instance, baseURL: services.baseURL)
        switch filters.format {
        case .html:
            return services.renderer.render("survey-responses-report", view.page(visitor: visitor, query: request.uri.query ?? ""))
        case .csv:
            return file(view.csv(), type: "text/csv; charset=utf-8", name: view.fileName("csv"))
        case .pdf:
            return file(try view.pdf(recipient: visitor.displayName), type: "application/pdf", name: view.fileName("pdf"))
        }
    }

    private func file(_ bytes: some Collection<UInt8>, type: String, name: String) -> Response {
        var headers = PageRenderer.securityHeaders
        headers[.contentType] = type
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// The rows of a report and the names they show.
struct SurveyResponsesReportData: Sendable {
    var responses: [SurveyResponse]
    /// Whether more rows matched than are shown.
    var truncated: Bool
    var notes: [UUID: [Note]]
    var groupNames: [String: String]
    var segmentNames: [String: String]
    /// Each response's recovery case and its owner.
    var cases: CaseColumns

    static func load(_ filters: SurveyResponsesReportRequest, instance: Instance, scope: InstanceScope, limit: Int?) async throws
        -> SurveyResponsesReportData
    {
        let zone = instance.preferences.timezone
        var groups: [String]?
        if !filters.groups.isEmpty {
            if filters.combine {
                let hierarchy = try await scope.supportGroups.hierarchy()
                groups = Array(filters.groups.reduce(into: Set<String>()) { $0.formUnion(hierarchy.descendants(of: $1)) }).sorted()
            } else {
                groups = filters.groups
            }
        }
        var query = ResponseQuery(
            receivedFrom: filters.from.startOfDay(in: zone), receivedBefore: filters.to.adding(days: 1).startOfDay(in: zone),
            groups: groups, srn: filters.srn, threshold: instance.preferences.threshold, status: .all, limit: ResponseQuery.maxLimit)
        query.minRating = filters.minRating
        query.maxRating = filters.maxRating
        query.caseStates = filters.state.map { [$0] }
        var responses: [SurveyResponse] = []
        var truncated = false
        // A page at a time, so a large CSV never asks the database for everything at once.
        while true {
            let page = try await scope.responses.list(query)
            responses += page.items
            if let limit, responses.count > limit {
                responses.removeLast(responses.count - limit)
                truncated = true
                break
            }
            guard let next = page.next else { break }
            query.after = next
        }
        var notes: [UUID: [Note]] = [:]
        if filters.srn.showsNotes {
            for chunk in stride(from: 0, to: responses.count, by: 500) {
                let ids = responses[chunk..<min(chunk + 500, responses.count)].map(\.id)
                notes.merge(try await scope.notes.list(ofResponses: ids)) { $1 }
            }
        }
        let groupNames = Dictionary(uniqueKeysWithValues: try await scope.supportGroups.list().map { ($0.code, $0.name) })
        let segmentNames = Dictionary(uniqueKeysWithValues: try await scope.segments.list().map { ($0.code, $0.name) })
        return SurveyResponsesReportData(
            responses: responses, truncated: truncated, notes: notes, groupNames: groupNames, segmentNames: segmentNames,
            cases: try await CaseColumns.load(responses, scope: scope))
    }
}
