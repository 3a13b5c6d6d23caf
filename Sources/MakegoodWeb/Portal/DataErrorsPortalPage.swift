import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodStore

/// Portal › Fix Data Errors (SPEC §1): the invalid responses with their problems, each fixable in place; a fixed one
/// says when it became valid and whether the next run will still alert it.
struct DataErrorsPortalPage: Sendable {
    let services: PageServices

    static let shown = 200

    func show(_ visitor: PortalVisitor, request: Request) async throws -> Response {
        let fixed = request.uri.queryParameters.get("fixed").flatMap(UUID.init(uuidString:))
        return try await render(visitor, request: request, fixed: fixed, refused: nil)
    }

    func fix(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        guard let id = form["id"].flatMap(UUID.init(uuidString:)) else {
            throw PageError.badRequest("The form did not say which response to fix; reload the page and try again.")
        }
        let instanceID = visitor.instance.id
        let now = services.now()
        do {
            let fix = try ResponseFix(
                formTicketId: form["ticketId"], supportGroupCode: form["supportGroupCode"], segmentCode: form["segmentCode"])
            _ = try await services.store.write { db in
                try await db.scoped(to: instanceID).responses.patch(id, with: fix, now: now)
            }
        } catch let error as DomainError {
            let typed = ["ticketId": form["ticketId"] ?? "", "supportGroupCode": form["supportGroupCode"] ?? "", "segmentCode": form["segmentCode"] ?? ""]
            return try await render(visitor, request: request, fixed: nil, refused: (id, error.message, typed), status: .unprocessableContent)
        } catch is NotFound {
            throw PageError(.notFound, title: "Not found", "That survey response is not in this instance any more (a newer one may have replaced it).")
        }
        return PageRenderer.redirect(to: "/portal/data-errors?cpc=\(PortalController.encode(visitor.instance.cpc))&fixed=\(id.storageKey)")
    }

    private func render(
        _ visitor: PortalVisitor, request: Request, fixed: UUID?, refused: (id: UUID, message: String, typed: [String: String])?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let instance = visitor.instance
        let zone = instance.preferences.timezone
        let (invalid, groups, segments, last, fixedResponse) = try await services.store.read { db in
            let scope = db.scoped(to: instance.id)
            return (
                try await scope.responses.list(ResponseQuery(status: .invalid, limit: Self.shown)).items,
                try await scope.supportGroups.list().sorted { $0.code < $1.code },
                try await scope.segments.list().sorted { $0.code < $1.code },
                try await scope.alertRuns.last(),
                try await fixed.asyncMap { try await scope.responses.find($0) } ?? nil
            )
        }
        let forecast = AlertForecast(
            preferences: instance.preferences, lastRun: last.map { ($0.day, $0.instant, $0.windowStart) }, now: services.now())
        func options(_ codes: [(String, String)], selected: String?) -> [[String: Any]] {
            var list = codes.map { ["code": $0.0, "name": $0.1, "selected": $0.0 == selected] as [String: Any] }
            if let selected, !selected.isEmpty, !codes.contains(where: { $0.0 == selected }) {
                list.insert(["code": selected, "name": "unknown", "selected": true], at: 0)
            }
            return list
        }
        let rows: [[String: Any]] = invalid.map { response in
            let s = response.submission
            let typed = refused?.id == response.id ? refused?.typed : nil
            var row: [String: Any] = [
                "id": response.id.storageKey, "received": DisplayTime.format(s.receivedAt, in: zone),
                "ticketId": typed?["ticketId"] ?? s.ticketId ?? "", "customer": s.customerName ?? s.customerEmail ?? "",
                "rating": "\(s.rating.value)", "problems": response.problems.map(\.message),
                "groups": options(groups.map { ($0.code, $0.name) }, selected: typed?["supportGroupCode"] ?? s.supportGroupCode),
                "segments": options(segments.map { ($0.code, $0.name) }, selected: typed?["segmentCode"] ?? s.segmentCode),
            ]
            if let refused, refused.id == response.id { row["error"] = refused.message }
            return row
        }
        let (token, cookie) = services.csrf.token(for: request)
        var page: [String: Any] = [
            "title": "Fix Data Errors", "visitor": visitor.header, "instanceName": instance.name, "cpc": instance.cpc, "csrf": token,
            "rows": rows, "count": "\(invalid.count)\(invalid.count == Self.shown ? "+" : "") response\(invalid.count == 1 ? "" : "s") with data errors",
        ]
        if let response = fixedResponse {
            page["fixed"] = Self.outcome(response, forecast: forecast, preferences: instance.preferences)
        }
        return services.renderer.render("portal-data-errors", page, status: status, cookies: cookie.map { [$0] } ?? [])
    }

    /// What became of a fixed response: valid since when, and whether the next run alerts it.
    static func outcome(_ response: SurveyResponse, forecast: AlertForecast, preferences: Preferences) -> String {
        let ticket = response.submission.ticketId ?? "the response"
        guard response.isValid, let since = response.validSince else {
            return "Saved. \(ticket) still has a data error: " + response.problems.map(\.message).joined(separator: "; ") + "."
        }
        let valid = "\(ticket) is valid since \(DisplayTime.format(since, in: preferences.timezone))."
        let next = DisplayTime.format(forecast.next.instant, in: preferences.timezone)
        if response.alertedAt != nil { return valid + " It was already alerted." }
        if !RecoveryRule.needsRecovery(rating: response.submission.rating.value, threshold: preferences.threshold) {
            return valid + " Its rating is above the threshold, so it needs no alert."
        }
        return valid + (forecast.willAlert(response, threshold: preferences.threshold)
            ? " The next run (\(next)) will alert it."
            : " It was received too long ago for the next run (\(next)) to alert it; it shows in reports and dashboards.")
    }
}
