import Foundation
import MakegoodDomain
import MakegoodStore

/// Everything a run's messages are made of, as the database holds it at one moment: the window, the responses to
/// alert, the groups, the contacts and the segment names. Equal inputs make equal messages, which is what lets a
/// run write its messages before its transaction and keep them if nothing changed (AlertRun.run).
struct AlertRunInputs: Equatable {
    let window: AlertWindow
    let responses: [SurveyResponse]
    let groups: [SupportGroup]
    let contacts: [Contact]
    let segments: [Segment]

    static func read(for scheduled: ScheduledRun, threshold: Int, scope: InstanceScope) async throws -> AlertRunInputs {
        let previous = try await scope.alertRuns.last(before: scheduled.instant)
        let window = AlertWindow(run: scheduled.instant, previousRun: previous.map { ($0.instant, $0.windowStart) })
        return AlertRunInputs(
            window: window,
            responses: try await scope.responses.alertCandidates(window, threshold: threshold),
            groups: try await scope.supportGroups.list(),
            contacts: try await scope.contacts.list(),
            segments: try await scope.segments.list())
    }

    var groupNames: [String: String] { Dictionary(uniqueKeysWithValues: groups.map { ($0.code, $0.name) }) }

    /// Who gets which responses, in the order they are queued.
    var plan: [AlertPlan.Recipient] {
        AlertPlan.recipients(of: responses.map { ($0.id, $0.submission.supportGroupCode ?? "") }, groups: groups)
    }

    /// Each recipient's email, with the report to attach, by contact.
    func emails(_ messages: MessageBuilder) throws -> [UUID: DeliveryRepository.Message] {
        let byID = Dictionary(uniqueKeysWithValues: responses.map { ($0.id, $0) })
        let contacts = Dictionary(uniqueKeysWithValues: contacts.map { ($0.id, $0) })
        let segmentNames = Dictionary(uniqueKeysWithValues: segments.map { ($0.code, $0.name) })
        var emails: [UUID: DeliveryRepository.Message] = [:]
        for recipient in plan {
            guard let contact = contacts[recipient.contact] else { continue }
            let items = recipient.responses.compactMap { byID[$0] }.map { response in
                messages.item(response, segmentName: response.submission.segmentCode.flatMap { segmentNames[$0] }, for: contact)
            }
            emails[contact.id] = try messages.email(to: contact, items: items)
        }
        return emails
    }
}
