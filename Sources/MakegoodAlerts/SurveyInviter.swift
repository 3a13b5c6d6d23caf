public import Foundation
public import MakegoodDomain
public import MakegoodStore

/// Turns a help desk's request into a survey invitation (issue 22): one per ticket, none to an address in its quiet
/// period or unsubscribed, and the email queued in the outbox (exactly once, retried) in the same transaction.
public struct SurveyInviter: Sendable {
    public let store: Store
    public let links: AlertRun.Links

    public init(store: Store, links: AlertRun.Links) {
        self.store = store
        self.links = links
    }

    /// What became of a request.
    public struct Outcome: Sendable {
        public let invitation: SurveyInvitation
        /// The survey page's address (the customer picks a rating there), for a help desk's own email; nil when skipped.
        public let url: URL?
    }

    /// The survey page's link of an invitation, with `rating` chosen when given.
    public func link(_ invitation: SurveyInvitation, cpc: String, rating: Int? = nil) -> URL {
        links.signer.url(
            SurveyLink(cpc: cpc, invitation: invitation.id, purpose: .answer, expires: invitation.expiresAt), rating: rating,
            baseURL: links.baseURL)
    }

    public func unsubscribeLink(_ invitation: SurveyInvitation, cpc: String) -> URL {
        links.signer.url(SurveyLink(cpc: cpc, invitation: invitation.id, purpose: .unsubscribe, expires: nil), baseURL: links.baseURL)
    }

    /// Records the invitation and queues its email; a second request for a ticket is a conflict unless it asks to
    /// resend. Throws `InstanceGone` when the instance no longer exists.
    public func invite(_ request: SurveyInvitationRequest, instance instanceID: UUID, now: Date) async throws -> Outcome {
        try await store.write { session in
            guard let instance = try await session.instances.find(id: instanceID) else { throw InstanceGone() }
            let scope = session.scoped(to: instanceID)
            let invitations = scope.surveyInvitations
            let preferences = instance.preferences
            let sendAt = max(request.sendAt ?? now, now)
            let expiresAt = sendAt.addingTimeInterval(TimeInterval(preferences.surveyLinkDays) * 86_400)
            let key = SurveyInvitation.key(of: request.customerEmail)
            // Two requests for one address at once (a help desk closing a customer's tickets in bulk) must see each
            // other for the quiet period: on PostgreSQL they take turns per address; SQLite has one writer anyway.
            try await invitations.lockAddress(key)
            if let existing = try await invitations.find(ticket: request.ticketId) {
                guard request.resend else {
                    throw DomainError(
                        .conflict, field: "ticketId",
                        "ticket \(request.ticketId) already has a survey invitation (\(existing.id.storageKey)); send \"resend\": true to send it again")
                }
                // A resend takes what the request says now (a corrected address, say), skips the quiet period it
                // asks past, and never an unsubscribed address; an earlier email still waiting is withdrawn.
                let again = SurveyInvitation(
                    id: existing.id, ticketId: existing.ticketId, supportGroupCode: request.supportGroupCode, segmentCode: request.segmentCode,
                    customerName: request.customerName, customerEmail: request.customerEmail, agent: request.agent,
                    language: request.language, sendAt: sendAt, expiresAt: expiresAt,
                    skipped: try await invitations.isUnsubscribed(key) ? .unsubscribed : nil, createdAt: existing.createdAt)
                try await invitations.resend(again)
                let replacement = again.skipped == nil ? try await queueEmail(again, instance: instance, scope: scope, now: now) : nil
                try await scope.deliveries.withdrawQueued(to: existing.id, except: replacement)
                return Outcome(invitation: again, url: replacement == nil ? nil : link(again, cpc: instance.cpc))
            }
            let quiet = TimeInterval(preferences.surveyQuietDays) * 86_400
            let others = try await invitations.sendTimes(
                of: key, otherThan: request.ticketId, from: sendAt.addingTimeInterval(-quiet), to: sendAt.addingTimeInterval(quiet))
            let skipped = SurveyQuietPeriod.skip(
                sendAt: sendAt, others: others, unsubscribed: try await invitations.isUnsubscribed(key),
                quietDays: preferences.surveyQuietDays)
            let invitation = SurveyInvitation(
                id: UUID(), ticketId: request.ticketId, supportGroupCode: request.supportGroupCode, segmentCode: request.segmentCode,
                customerName: request.customerName, customerEmail: request.customerEmail, agent: request.agent,
                language: request.language, sendAt: sendAt, expiresAt: expiresAt, skipped: skipped, createdAt: now)
            try await invitations.create(invitation)
            guard skipped == nil else { return Outcome(invitation: invitation, url: nil) }
            try await queueEmail(invitation, instance: instance, scope: scope, now: now)
            return Outcome(invitation: invitation, url: link(invitation, cpc: instance.cpc))
        }
    }

    /// Queues the invitation's email; returns its delivery's id.
    @discardableResult
    func queueEmail(_ invitation: SurveyInvitation, instance: Instance, scope: InstanceScope, now: Date) async throws -> String {
        let unsubscribe = unsubscribeLink(invitation, cpc: instance.cpc).absoluteString
        let email = SurveyInvitationEmail(
            instanceName: instance.name, invitation: invitation,
            ratingURLs: (1...10).map { link(invitation, cpc: instance.cpc, rating: $0).absoluteString }, unsubscribeURL: unsubscribe,
            texts: try await scope.surveyTexts.texts(for: invitation.language))
        // The invitation stands for the recipient, as a contact does for an alert: a customer is not a contact.
        let message = DeliveryRepository.Message(
            contactID: invitation.id, channel: .email, address: invitation.customerEmail, subject: email.subject, body: email.text,
            html: email.html, itemCount: 1, groupNames: [], sendAt: invitation.sendAt, listUnsubscribe: unsubscribe)
        return try await scope.deliveries.queue(message, run: nil, now: now)
    }
}
