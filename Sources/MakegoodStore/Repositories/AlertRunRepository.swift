public import Foundation
public import MakegoodDomain
import SQLKit

/// The daily alert runs of one instance.
public struct AlertRunRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// A run that happened.
    public struct Run: Sendable, Equatable {
        public let id: String
        public let day: LocalDate
        public let instant: Date
        public let windowStart: Date
        public let lookbackStart: Date
        public let executedAt: Date
        public let responses: Int
        public let recipients: Int
    }

    /// The latest run before an instant, whose window the next run follows.
    public func last(before instant: Date? = nil) async throws -> Run? {
        var query: SQLQueryString = "SELECT * FROM alert_runs WHERE instance_id = \(bind: scope.key)"
        if let instant { query += " AND alert_instant < \(bind: Instant.milliseconds(instant))" }
        return try await sql.raw(query + " ORDER BY alert_instant DESC LIMIT 1").first().map(Self.decode)
    }

    /// Every run, newest first.
    public func list(limit: Int = 100) async throws -> [Run] {
        try await sql.raw(
            "SELECT * FROM alert_runs WHERE instance_id = \(bind: scope.key) ORDER BY alert_instant DESC LIMIT \(literal: limit)"
        ).all().map(Self.decode)
    }

    /// Whether the run's day (or its instant) already has a run; a hint only, since another process may claim it a
    /// moment later. `claim` is what decides.
    public func exists(_ run: ScheduledRun) async throws -> Bool {
        try await sql.raw(
            """
            SELECT 1 AS taken FROM alert_runs WHERE instance_id = \(bind: scope.key)
                AND (local_day = \(bind: run.day.description) OR alert_instant = \(bind: Instant.milliseconds(run.instant)))
            """
        ).first() != nil
    }

    /// Claims a run for its day; nil when the day already has one (another process, or a second `alerts run`).
    public func claim(_ run: ScheduledRun, window: AlertWindow, now: Date) async throws -> String? {
        let id = UUID().storageKey
        try await sql.raw(
            """
            INSERT INTO alert_runs (id, instance_id, local_day, alert_instant, window_start, lookback_start, executed_at, responses, recipients)
            VALUES (\(bind: id), \(bind: scope.key), \(bind: run.day.description), \(bind: Instant.milliseconds(run.instant)),
                \(bind: Instant.milliseconds(window.start)), \(bind: Instant.milliseconds(window.lookbackStart)),
                \(bind: Instant.milliseconds(now)), 0, 0)
            ON CONFLICT DO NOTHING
            """
        ).run()
        let claimed = try await sql.raw(
            "SELECT id FROM alert_runs WHERE instance_id = \(bind: scope.key) AND local_day = \(bind: run.day.description)"
        ).first()?.decode(column: "id", as: String.self)
        return claimed == id ? id : nil
    }

    /// Records what a claimed run covered.
    public func finish(_ id: String, responses: Int, recipients: Int) async throws {
        try await sql.raw(
            "UPDATE alert_runs SET responses = \(bind: responses), recipients = \(bind: recipients) WHERE instance_id = \(bind: scope.key) AND id = \(bind: id)"
        ).run()
    }

    static func decode(_ row: any SQLRow) throws -> Run {
        Run(
            id: try row.decode(column: "id", as: String.self),
            day: LocalDate(try row.decode(column: "local_day", as: String.self))!,
            instant: Instant.date(try row.decode(column: "alert_instant", as: Int64.self)),
            windowStart: Instant.date(try row.decode(column: "window_start", as: Int64.self)),
            lookbackStart: Instant.date(try row.decode(column: "lookback_start", as: Int64.self)),
            executedAt: Instant.date(try row.decode(column: "executed_at", as: Int64.self)),
            responses: try row.decode(column: "responses", as: Int.self),
            recipients: try row.decode(column: "recipients", as: Int.self))
    }
}

extension SurveyResponseRepository {
    /// The responses a run alerts (SPEC §2): needing recovery, valid now, never alerted, received in window k or k−1.
    public func alertCandidates(_ window: AlertWindow, threshold: Int) async throws -> [SurveyResponse] {
        var query = ResponseQuery(srn: .needingRecovery, threshold: threshold, status: .valid, limit: Int.max)
        query.unalertedIn = (after: window.lookbackStart, upTo: window.end)
        return try await list(query).items.reversed()
    }

    /// Marks responses as alerted by a run, and opens their recovery cases.
    public func markAlerted(_ ids: [UUID], run: String, at instant: Date, targetHours: Int) async throws {
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)].map(\.storageKey)
            try await sql.raw(
                """
                UPDATE survey_responses SET alerted_at = \(bind: Instant.milliseconds(instant)), alert_run_id = \(bind: run)
                WHERE \(scope.rows(withIDs: chunk))
                """
            ).run()
        }
        try await scope.cases.open(responses: ids, run: run, alertedAt: instant, targetHours: targetHours)
    }
}

extension AlertRunRepository {
    /// The runs whose responses a report title's link of `day` covers for `recipient`: that day's run, and the
    /// weekend runs whose held text was merged into that day's text to the recipient (so the Monday SMS link walks
    /// every response it counts).
    public func reportRuns(day: LocalDate, recipient: UUID) async throws -> [String] {
        guard
            let run = try await sql.raw(
                "SELECT id FROM alert_runs WHERE instance_id = \(bind: scope.key) AND local_day = \(bind: day.description)"
            ).first()?.decode(column: "id", as: String.self)
        else { return [] }
        let held = try await sql.raw(
            """
            SELECT held.run_id FROM deliveries sms JOIN deliveries held
                ON held.instance_id = sms.instance_id AND held.merged_into = sms.id
            WHERE sms.instance_id = \(bind: scope.key) AND sms.run_id = \(bind: run)
                AND sms.contact_id = \(bind: recipient.storageKey) AND sms.channel = 'sms'
            """
        ).all().map { try $0.decode(column: "run_id", as: String.self) }
        return [run] + held
    }
}
