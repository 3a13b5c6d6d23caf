public import Foundation
public import MakegoodDomain
public import SQLKit

/// Instances and their Preferences.
public struct InstanceRepository: Sendable {
    let sql: any SQLDatabase

    /// Stores a new instance; a taken CPC is a conflict.
    public func create(_ instance: Instance, now: Date) async throws {
        if try await find(cpc: instance.cpc) != nil {
            throw DomainError(.conflict, field: "cpc", "an instance with the Client Portal Code \(instance.cpc) already exists")
        }
        let p = instance.preferences
        try await sql.raw(
            """
            INSERT INTO instances (id, cpc, name, threshold, alert_time, timezone, weekend_alerts, target_hours,
                ticket_url_prefix, remind_overdue, escalate_after_hours, survey_quiet_days, survey_link_days, resurvey_after_days, created_at)
            VALUES (\(bind: instance.id.storageKey), \(bind: instance.cpc), \(bind: instance.name), \(bind: p.threshold),
                \(bind: p.alertTime.description), \(bind: p.timezone.identifier), \(bind: p.weekendAlerts),
                \(bind: p.targetHours), \(bind: p.ticketUrlPrefix), \(bind: p.remindOverdue), \(bind: p.escalateAfterHours),
                \(bind: p.surveyQuietDays), \(bind: p.surveyLinkDays), \(bind: p.resurveyAfterDays), \(bind: Instant.milliseconds(now)))
            """
        ).run()
    }

    /// The instance with this Client Portal Code.
    public func find(cpc: String) async throws -> Instance? {
        try await sql.raw("SELECT * FROM instances WHERE cpc = \(bind: cpc)").first().map(Self.decode)
    }

    /// The instance with this id.
    public func find(id: UUID) async throws -> Instance? {
        try await sql.raw("SELECT * FROM instances WHERE id = \(bind: id.storageKey)").first().map(Self.decode)
    }

    /// Every instance, by CPC.
    public func all() async throws -> [Instance] {
        try await sql.raw("SELECT * FROM instances ORDER BY cpc").all().map(Self.decode)
    }

    /// Replaces an instance's Preferences.
    public func update(_ preferences: Preferences, of instanceID: UUID) async throws {
        try await sql.raw(
            """
            UPDATE instances SET threshold = \(bind: preferences.threshold),
                alert_time = \(bind: preferences.alertTime.description), timezone = \(bind: preferences.timezone.identifier),
                weekend_alerts = \(bind: preferences.weekendAlerts), target_hours = \(bind: preferences.targetHours),
                ticket_url_prefix = \(bind: preferences.ticketUrlPrefix), remind_overdue = \(bind: preferences.remindOverdue),
                escalate_after_hours = \(bind: preferences.escalateAfterHours),
                survey_quiet_days = \(bind: preferences.surveyQuietDays), survey_link_days = \(bind: preferences.surveyLinkDays),
                resurvey_after_days = \(bind: preferences.resurveyAfterDays)
            WHERE id = \(bind: instanceID.storageKey)
            """
        ).run()
    }

    static func decode(_ row: any SQLRow) throws -> Instance {
        let zoneName = try row.decode(column: "timezone", as: String.self)
        let preferences = try Preferences(
            threshold: try row.decode(column: "threshold", as: Int.self),
            alertTime: try Preferences.parseAlertTime(try row.decode(column: "alert_time", as: String.self)),
            timezone: TimeZone(identifier: zoneName) ?? TimeZone(identifier: "UTC")!,
            weekendAlerts: try row.decode(column: "weekend_alerts", as: Bool.self),
            targetHours: try row.decode(column: "target_hours", as: Int.self),
            ticketUrlPrefix: try row.decode(column: "ticket_url_prefix", as: String?.self),
            remindOverdue: try row.decode(column: "remind_overdue", as: Bool.self),
            escalateAfterHours: try row.decode(column: "escalate_after_hours", as: Int?.self),
            surveyQuietDays: try row.decode(column: "survey_quiet_days", as: Int.self),
            surveyLinkDays: try row.decode(column: "survey_link_days", as: Int.self),
            resurveyAfterDays: try row.decode(column: "resurvey_after_days", as: Int?.self))
        return Instance(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            cpc: try row.decode(column: "cpc", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            preferences: preferences)
    }
}
