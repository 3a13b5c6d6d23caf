import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodReports
import MakegoodStore

/// Portal › Alerts history (SPEC §2): the daily runs with their windows and counts, each message with its state
/// (and why it failed), the PDF report of any email, and a resend for failed ones.
struct AlertsHistoryPortalPage: Sendable {
    let services: PageServices

    static let runsShown = 30

    func show(_ visitor: PortalVisitor, request: Request) async throws -> Response {
        let instance = visitor.instance
        let zone = instance.preferences.timezone
        let (runs, lines) = try await services.store.read { db in
            let scope = db.scoped(to: instance.id)
            let runs = try await scope.alertRuns.list(limit: Self.runsShown)
            return (runs, try await scope.deliveries.lines(runs: runs.map(\.id)))
        }
        let cpc = PortalController.encode(instance.cpc)
        let (token, cookie) = services.csrf.token(for: request)
        let page: [String: Any] = [
            "title": "Alerts history", "visitor": visitor.header, "instanceName": instance.name, "cpc": instance.cpc, "csrf": token,
            "resent": request.uri.queryParameters.get("resent") != nil,
            "runs": runs.map { run -> [String: Any] in
                [
                    "day": run.day.description, "instant": DisplayTime.format(run.instant, in: zone),
                    "window": "\(DisplayTime.format(run.windowStart, in: zone)) – \(DisplayTime.format(run.instant, in: zone))",
                    "responses": "\(run.responses)", "recipients": "\(run.recipients)",
                    "messages": (lines[run.id] ?? []).map { line -> [String: Any] in
                        var message: [String: Any] = [
                            "id": line.id, "channel": line.channel == .email ? "Email" : "SMS", "address": line.address,
                            "state": line.state.rawValue, "attempts": "\(line.attempts)", "error": line.lastError ?? "",
                            "sent": line.sentAt.map { DisplayTime.format($0, in: zone) } ?? "", "failed": line.state == .failed,
                        ]
                        if line.attachmentName != nil { message["pdf"] = "/portal/alerts/report.pdf?cpc=\(cpc)&id=\(line.id)" }
                        return message
                    },
                ]
            },
        ]
        return services.renderer.render("portal-alerts", page, cookies: cookie.map { [$0] } ?? [])
    }

    /// The PDF report an email carried.
    func report(_ visitor: PortalVisitor, request: Request) async throws -> Response {
        let instanceID = visitor.instance.id
        let id = request.uri.queryParameters.get("id") ?? ""
        guard let delivery = try await services.store.read({ try await $0.scoped(to: instanceID).deliveries.find(id) }),
            let attachment = delivery.attachment
        else { throw PageError(.notFound, title: "Not found", "There is no report with that id in this instance.") }
        let pdf: Data
        switch attachment.content {
        case .bytes(let bytes): pdf = bytes
        case .report(let json):
            do {
                pdf = try ServiceRecoveryReportPDF.render(json: json)
            } catch {
                throw PageError(.unprocessableContent, title: "Report not drawn", "This email's report can't be drawn: \(error)")
            }
        }
        var headers = PageRenderer.securityHeaders
        headers[.contentType] = "application/pdf"
        let name = attachment.name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        headers[.contentDisposition] = "inline; filename=\"\(name.isEmpty ? "report.pdf" : name)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
    }

    /// Queues a failed message again; the outbox worker sends it at once.
    func resend(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        let instanceID = visitor.instance.id
        let id = form["id"] ?? ""
        let now = services.now()
        guard try await services.store.write({ try await $0.scoped(to: instanceID).deliveries.resend(id, now: now) }) else {
            throw PageError(.conflict, title: "Not resent", "Only a message that failed can be sent again; reload the page to see its state.")
        }
        return PageRenderer.redirect(to: "/portal/alerts?cpc=\(PortalController.encode(visitor.instance.cpc))&resent=1")
    }
}
