import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodStore

/// Portal › Survey invitations (issue 22): the newest invitations and what became of each — sent, skipped and why,
/// bounced, opened (the survey page visited), answered, unsubscribed — with the survey settings beside them.
struct InvitationsPortalPage: Sendable {
    let services: PageServices

    static let shown = 200

    func show(_ visitor: PortalVisitor, request: Request) async throws -> Response {
        let instance = visitor.instance
        let zone = instance.preferences.timezone
        let entries = try await services.store.read { try await $0.scoped(to: instance.id).surveyInvitations.log(limit: Self.shown) }
        func time(_ date: Date?) -> String { date.map { DisplayTime.format($0, in: zone) } ?? "" }
        let rows = entries.map { entry -> [String: Any] in
            let i = entry.invitation
            let state: String =
                switch (i.skipped, entry.bounced, entry.sentAt) {
                case (.quietPeriod?, _, _): "skipped: quiet period"
                case (.unsubscribed?, _, _): "skipped: unsubscribed"
                case (.noAddress?, _, _): "skipped: no email address"
                case (nil, true, _): "bounced"
                case (nil, false, let sent?): "sent \(time(sent))"
                case (nil, false, nil): i.sendAt > services.now() ? "scheduled \(time(i.sendAt))" : "queued"
                }
            return [
                "id": i.id.storageKey, "ticket": i.ticketId, "resurvey": i.isResurvey, "customer": i.customerName ?? "", "email": i.customerEmail,
                "group": i.supportGroupCode ?? "", "state": state, "opened": time(entry.openedAt), "answered": time(entry.answeredAt),
                "unsubscribed": time(entry.unsubscribedAt), "created": time(i.createdAt),
            ]
        }
        let p = instance.preferences
        return services.renderer.render(
            "portal-invitations",
            [
                "title": "Survey invitations", "visitor": visitor.header, "instanceName": instance.name, "cpc": instance.cpc,
                "invitations": rows, "empty": rows.isEmpty, "shown": "\(Self.shown)",
                "quietDays": p.surveyQuietDays == 0 ? "off" : "\(p.surveyQuietDays) days", "linkDays": "\(p.surveyLinkDays)",
            ])
    }
}
