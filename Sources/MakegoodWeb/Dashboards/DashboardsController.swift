import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodReports
import MakegoodStore

/// `/dashboards?cpc=…&dashid=SRES|SRP` (SPEC §5) and the SRP chart. Computed from the live tables on every load,
/// so a note saved in the dialog shows on the next page load; open to admins and dashboard users only.
struct DashboardsController: Sendable {
    let services: PageServices

    static let path = "/dashboards"
    static let chartPath = "/dashboards/srp-trend.svg"

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get(RouterPath(Self.path)) { request, context in try await dashboard(request, context: context) }
        router.get(RouterPath(Self.chartPath)) { request, context in try await chart(request, context: context) }
    }

    /// The visitor, when they may open dashboards of the instance the URL names; else the page to show.
    func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await services.asVisitor(try await gate(request, context: context)) { try await dashboard(request, visitor: $0) }
    }

    func chart(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await services.asVisitor(try await gate(request, context: context)) { try await chart(request, visitor: $0) }
    }

    private func gate(_ request: Request, context: AppRequestContext) async throws -> PageServices.Gate {
        try await services.gate(
            request, context: context, cpc: request.uri.queryParameters.get("cpc"), example: "/dashboards?cpc=acme&dashid=SRES",
            may: { $0.mayOpenReports }, refusal: "Dashboards are for admins, Support Leads and Also Alerts with dashboard access.")
    }

    private func dashboard(_ request: Request, visitor: PortalVisitor) async throws -> Response {
        let query = request.uri.queryParameters
        let today = LocalDate(containing: services.now(), in: visitor.instance.preferences.timezone)
        switch query.get("dashid")?.uppercased() {
        case "SRES":
            let view = try SRESRequest(
                from: query.get("from"), to: query.get("to"), groups: query.getAll("rgid").map { String($0) },
                segments: query.getAll("seg").map { String($0) }, min: query.get("min"), max: query.get("max"), srn: query.get("srn"),
                state: query.get("state"), sort: query.get("sort"), dir: query.get("dir"), page: query.get("page"), format: query.get("format"), today: today)
            return try await SRESDashboard(services: services, visitor: visitor, request: view).response()
        case "SRP":
            let view = try SRPRequest(from: query.get("from"), to: query.get("to"), groups: query.getAll("rgid").map { String($0) }, today: today)
            return try await SRPDashboard(services: services, visitor: visitor, request: view).response()
        default:
            throw PageError.badRequest("The URL needs dashid=SRES (survey responses) or dashid=SRP (service recovery performance).")
        }
    }

    private func chart(_ request: Request, visitor: PortalVisitor) async throws -> Response {
        let query = request.uri.queryParameters
        let today = LocalDate(containing: services.now(), in: visitor.instance.preferences.timezone)
        let view = try SRPRequest(from: query.get("from"), to: query.get("to"), groups: query.getAll("rgid").map { String($0) }, today: today)
        guard let metric = SRPDashboard.Metric(rawValue: query.get("metric") ?? "recovered") else {
            throw PageError.badRequest("metric must be recovered or hours.")
        }
        let svg = try await SRPDashboard(services: services, visitor: visitor, request: view).chart(metric)
        var headers = PageRenderer.securityHeaders
        headers[.contentType] = "image/svg+xml; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: svg)))
    }
}
