import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodStore

/// Portal › Preferences: the instance's Preferences (SPEC §1), with the next alert instant after saving.
struct PreferencesPortalPage: Sendable {
    let services: PageServices

    func show(_ visitor: PortalVisitor, request: Request) async throws -> Response {
        let p = visitor.instance.preferences
        let values = [
            "threshold": "\(p.threshold)", "alertTime": p.alertTime.description, "timezone": p.timezone.identifier,
            "targetHours": "\(p.targetHours)", "ticketUrlPrefix": p.ticketUrlPrefix ?? "",
            "escalateAfterHours": p.escalateAfterHours.map(String.init) ?? "",
            "surveyQuietDays": "\(p.surveyQuietDays)", "surveyLinkDays": "\(p.surveyLinkDays)",
            "resurveyAfterDays": p.resurveyAfterDays.map(String.init) ?? "",
        ]
        let saved = request.uri.queryParameters.get("saved") == "1"
        return try await render(
            visitor, request: request, values: values, checks: Checks(weekendAlerts: p.weekendAlerts, remindOverdue: p.remindOverdue),
            saved: saved, error: nil)
    }

    func save(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        let fields = [
            "threshold", "alertTime", "timezone", "targetHours", "ticketUrlPrefix", "escalateAfterHours", "surveyQuietDays", "surveyLinkDays",
            "resurveyAfterDays",
        ]
        let values = Dictionary(uniqueKeysWithValues: fields.map { ($0, (form[$0] ?? "").trimmingCharacters(in: .whitespaces)) })
        let checks = Checks(weekendAlerts: form["weekendAlerts"] != nil, remindOverdue: form["remindOverdue"] != nil)
        let preferences: Preferences
        do {
            guard let threshold = Int(values["threshold"]!) else {
                throw DomainError(field: "threshold", "The threshold must be a whole number from 1 to 9.")
            }
            guard let targetHours = Int(values["targetHours"]!) else {
                throw DomainError(field: "targetHours", "The Service Recovery Target must be a whole number of hours, 1 or more.")
            }
            let escalation = values["escalateAfterHours"]!
            guard escalation.isEmpty || Int(escalation) != nil else {
                throw DomainError(
                    field: "escalateAfterHours", "Escalate after must be a whole number of hours, or blank to use the Service Recovery Target.")
            }
            // Blank keeps what is set: the page always fills them in.
            let current = visitor.instance.preferences
            func days(_ field: String, _ kept: Int, _ label: String) throws(DomainError) -> Int {
                let text = values[field]!
                if text.isEmpty { return kept }
                guard let days = Int(text) else { throw DomainError(field: field, "\(label) must be a whole number of days.") }
                return days
            }
            let quietDays = try days("surveyQuietDays", current.surveyQuietDays, "The survey quiet period")
            let linkDays = try days("surveyLinkDays", current.surveyLinkDays, "How long survey links work")
            let resurvey = values["resurveyAfterDays"]!
            guard resurvey.isEmpty || Int(resurvey) != nil else {
                throw DomainError(field: "resurveyAfterDays", "Re-survey after must be a whole number of days, or blank for never.")
            }
            preferences = try Preferences(
                threshold: threshold, alertTime: try Preferences.parseAlertTime(values["alertTime"]!),
                timezone: try Preferences.parseTimeZone(values["timezone"]!), weekendAlerts: checks.weekendAlerts,
                targetHours: targetHours, ticketUrlPrefix: values["ticketUrlPrefix"]!.isEmpty ? nil : values["ticketUrlPrefix"],
                remindOverdue: checks.remindOverdue, escalateAfterHours: Int(escalation), surveyQuietDays: quietDays,
                surveyLinkDays: linkDays, resurveyAfterDays: Int(resurvey).flatMap { $0 == 0 ? nil : $0 })
        } catch let error as DomainError {
            return try await render(
                visitor, request: request, values: values, checks: checks, saved: false, error: error,
                status: .unprocessableContent)
        }
        let instanceID = visitor.instance.id
        try await services.store.write { try await $0.scoped(to: instanceID).savePreferences(preferences) }
        return PageRenderer.redirect(to: "/portal/preferences?cpc=\(PortalController.encode(visitor.instance.cpc))&saved=1")
    }

    /// The form's checkboxes.
    struct Checks {
        let weekendAlerts: Bool
        let remindOverdue: Bool
    }

    private func render(
        _ visitor: PortalVisitor, request: Request, values: [String: String], checks: Checks, saved: Bool, error: DomainError?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let instance = visitor.instance
        let last = try await services.store.read { try await $0.scoped(to: instance.id).alertRuns.last() }
        let forecast = AlertForecast(
            preferences: instance.preferences, lastRun: last.map { ($0.day, $0.instant, $0.windowStart) }, now: services.now())
        let (token, cookie) = services.csrf.token(for: request)
        var page: [String: Any] = [
            "title": "Preferences", "visitor": visitor.header, "instanceName": instance.name, "cpc": instance.cpc, "csrf": token,
            "weekendAlerts": checks.weekendAlerts, "remindOverdue": checks.remindOverdue, "timezones": TimeZone.knownTimeZoneIdentifiers.sorted(),
            "nextLocal": DisplayTime.format(forecast.next.instant, in: instance.preferences.timezone)
                + " (\(instance.preferences.timezone.identifier))",
            "nextUTC": RFC3339.format(forecast.next.instant),
        ]
        for (name, value) in values { page[name] = value }
        if saved { page["saved"] = true }
        if let error {
            page["error"] = error.message
            page["errorField"] = error.field ?? ""
        }
        return services.renderer.render("portal-preferences", page, status: status, cookies: cookie.map { [$0] } ?? [])
    }
}
