import Foundation
import MakegoodAlerts
import MakegoodDomain
import MakegoodStore

extension MakegoodAPI {
    func createSurveyInvitation(_ input: Operations.CreateSurveyInvitation.Input) async throws
        -> Operations.CreateSurveyInvitation.Output
    {
        guard case .json(let body) = input.body else { throw APIError.badRequest("send the invitation as JSON") }
        guard let inviter else { throw APIError.notFound("survey invitations are not served here") }
        let now = now()
        let request = try SurveyInvitationRequest(
            ticketId: body.ticketId, supportGroupCode: body.supportGroupCode, segmentCode: body.segmentCode,
            customerName: body.customer.name, customerEmail: body.customer.email, agent: body.agent, language: body.language,
            sendAt: body.sendAt, resend: body.resend ?? false, now: now)
        let outcome: SurveyInviter.Outcome
        do {
            outcome = try await inviter.invite(request, instance: try APIPrincipal.required().instanceID, now: now)
        } catch is InstanceGone {
            throw APIError.unauthorized
        }
        let invitation = outcome.invitation
        return .created(
            .init(
                body: .json(
                    .init(
                        id: invitation.id.storageKey, ticketId: invitation.ticketId, status: invitation.skipped == nil ? .queued : .skipped,
                        skipped: invitation.skipped?.rawValue, url: outcome.url?.absoluteString, sendAt: invitation.sendAt,
                        expiresAt: invitation.expiresAt))))
    }
}
