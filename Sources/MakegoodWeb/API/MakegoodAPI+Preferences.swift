import Foundation
import MakegoodDomain
import MakegoodStore

extension MakegoodAPI {
    func getPreferences(_ input: Operations.GetPreferences.Input) async throws -> Operations.GetPreferences.Output {
        let instance = try await read { _, instance in instance }
        return .ok(.init(body: .json(.init(instance.preferences))))
    }

    func updatePreferences(_ input: Operations.UpdatePreferences.Input) async throws -> Operations.UpdatePreferences.Output {
        guard case .json(let update) = input.body else { throw APIError.badRequest("send the preferences as JSON") }
        let preferences = try await write { scope, instance in
            let current = instance.preferences
            let prefix: String? =
                switch update.ticketUrlPrefix {
                case nil: current.ticketUrlPrefix
                case let text?: text.isEmpty ? nil : text
                }
            let preferences = try Preferences(
                threshold: update.threshold ?? current.threshold,
                alertTime: try update.alertTime.map(Preferences.parseAlertTime) ?? current.alertTime,
                timezone: try update.timezone.map(Preferences.parseTimeZone) ?? current.timezone,
                weekendAlerts: update.weekendAlerts ?? current.weekendAlerts,
                targetHours: update.targetHours ?? current.targetHours,
                ticketUrlPrefix: prefix,
                remindOverdue: update.remindOverdue ?? current.remindOverdue,
                escalateAfterHours: update.escalateAfterHours ?? current.escalateAfterHours,
                surveyQuietDays: update.surveyQuietDays ?? current.surveyQuietDays,
                surveyLinkDays: update.surveyLinkDays ?? current.surveyLinkDays,
                resurveyAfterDays: update.resurveyAfterDays.map { $0 == 0 ? nil : $0 } ?? current.resurveyAfterDays)
            try await scope.savePreferences(preferences)
            return preferences
        }
        return .ok(.init(body: .json(.init(preferences))))
    }
}

extension Components.Schemas.Preferences {
    init(_ preferences: Preferences) {
        self.init(
            threshold: preferences.threshold, alertTime: preferences.alertTime.description,
            timezone: preferences.timezone.identifier, weekendAlerts: preferences.weekendAlerts,
            targetHours: preferences.targetHours, ticketUrlPrefix: preferences.ticketUrlPrefix,
            remindOverdue: preferences.remindOverdue, escalateAfterHours: preferences.escalationHours,
            surveyQuietDays: preferences.surveyQuietDays, surveyLinkDays: preferences.surveyLinkDays,
            resurveyAfterDays: preferences.resurveyAfterDays ?? 0)
    }
}
