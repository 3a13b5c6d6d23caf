public import Foundation
public import MakegoodDomain
import SQLKit

/// One instance's survey invitations (issue 22) and the addresses that unsubscribed from its surveys.
public struct SurveyInvitationRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    public func find(id: UUID) async throws -> SurveyInvitation? {
        try await sql.raw("SELECT * FROM survey_invitations WHERE instance_id = \(bind: scope.key) AND id = \(bind: id.storageKey)")
            .first().map(Self.decode)
    }

    public func find(ticket: String) async throws -> SurveyInvitation? {
        try await sql.raw(
            "SELECT * FROM survey_invitations WHERE instance_id = \(bind: scope.key) AND ticket_id = \(bind: ticket) AND case_id IS NULL"
        )
            .first().map(Self.decode)
    }

    /// Records an invitation; the unique (instance, ticket) key refuses a second one for the ticket.
    public func create(_ invitation: SurveyInvitation) async throws {
        let i = invitation
        try await sql.raw(
            """
            INSERT INTO survey_invitations (id, instance_id, ticket_id, support_group_code, segment_code, customer_name, customer_email,
                email_key, agent, language, state, skipped, send_at, expires_at, sends, created_at, case_id)
            VALUES (\(bind: i.id.storageKey), \(bind: scope.key), \(bind: i.ticketId), \(bind: i.supportGroupCode), \(bind: i.segmentCode),
                \(bind: i.customerName), \(bind: i.customerEmail), \(bind: i.emailKey), \(bind: i.agent), \(bind: i.language),
                \(bind: i.skipped == nil ? "queued" : "skipped"), \(bind: i.skipped?.rawValue), \(bind: Instant.milliseconds(i.sendAt)),
                \(bind: Instant.milliseconds(i.expiresAt)), \(bind: i.skipped == nil ? 1 : 0), \(bind: Instant.milliseconds(i.createdAt)),
                \(bind: i.caseID?.storageKey))
            """
        ).run()
    }

    /// The ticket's survey sent again (`resend: true`) as `i` now says: to its address, at its time, its links good
    /// until its expiry; or skipped.
    public func resend(_ i: SurveyInvitation) async throws {
        try await sql.raw(
            """
            UPDATE survey_invitations SET state = \(bind: i.skipped == nil ? "queued" : "skipped"), skipped = \(bind: i.skipped?.rawValue),
                sends = sends + \(bind: i.skipped == nil ? 1 : 0), support_group_code = \(bind: i.supportGroupCode),
                segment_code = \(bind: i.segmentCode), customer_name = \(bind: i.customerName), customer_email = \(bind: i.customerEmail),
                email_key = \(bind: i.emailKey), agent = \(bind: i.agent), language = \(bind: i.language),
                send_at = \(bind: Instant.milliseconds(i.sendAt)), expires_at = \(bind: Instant.milliseconds(i.expiresAt))
            WHERE instance_id = \(bind: scope.key) AND id = \(bind: i.id.storageKey)
            """
        ).run()
    }

    /// On PostgreSQL, waits for any other transaction inviting this address to finish, until this one ends.
    public func lockAddress(_ emailKey: String) async throws {
        guard scope.kind == .postgres else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "survey|" + scope.key + "|" + emailKey)))").run()
    }

    /// When the address's surveys of other tickets go or went, within `[from, to]`: what the quiet period weighs.
    public func sendTimes(of emailKey: String, otherThan ticket: String, from: Date, to: Date) async throws -> [Date] {
        try await sql.raw(
            """
            SELECT send_at FROM survey_invitations
            WHERE instance_id = \(bind: scope.key) AND email_key = \(bind: emailKey) AND state = 'queued'
                AND send_at >= \(bind: Instant.milliseconds(from)) AND send_at <= \(bind: Instant.milliseconds(to))
                AND ticket_id <> \(bind: ticket)
            """
        ).all().map { Instant.date(try $0.decode(column: "send_at", as: Int64.self)) }
    }

    public func isUnsubscribed(_ emailKey: String) async throws -> Bool {
        try await sql.raw(
            "SELECT 1 AS found FROM survey_unsubscribes WHERE instance_id = \(bind: scope.key) AND email_key = \(bind: emailKey)"
        ).first() != nil
    }

    /// Stops every later survey to the invitation's address, and withdraws those still waiting in the outbox (a
    /// scheduled `sendAt`); doing it twice keeps the first.
    public func unsubscribe(_ invitation: SurveyInvitation, at instant: Date) async throws {
        try await sql.raw(
            """
            UPDATE deliveries SET state = 'failed', last_error = 'withdrawn: the address unsubscribed'
            WHERE instance_id = \(bind: scope.key) AND state = 'queued' AND contact_id IN (
                SELECT id FROM survey_invitations WHERE instance_id = \(bind: scope.key) AND email_key = \(bind: invitation.emailKey))
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO survey_unsubscribes (instance_id, email_key, invitation_id, at)
            VALUES (\(bind: scope.key), \(bind: invitation.emailKey), \(bind: invitation.id.storageKey), \(bind: Instant.milliseconds(instant)))
            ON CONFLICT (instance_id, email_key) DO NOTHING
            """
        ).run()
    }

    /// The survey page was opened without a rating chosen (the help desk's own link): the first time is kept.
    public func markOpened(_ id: UUID, at instant: Date) async throws {
        try await sql.raw(
            """
            UPDATE survey_invitations SET opened_at = COALESCE(opened_at, \(bind: Instant.milliseconds(instant)))
            WHERE instance_id = \(bind: scope.key) AND id = \(bind: id.storageKey)
            """
        ).run()
    }

    /// One line of the portal's invitation log.
    public struct LogEntry: Sendable {
        public let invitation: SurveyInvitation
        /// When its email (the last one, if resent) was delivered.
        public let sentAt: Date?
        /// Its latest email failed for good (the mail server refused it), not withdrawn by Makegood.
        public let bounced: Bool
        public let openedAt: Date?
        public let answeredAt: Date?
        /// When its address unsubscribed from the instance's surveys, through this invitation or another.
        public let unsubscribedAt: Date?
    }

    /// The newest `limit` invitations with what became of each, newest first.
    public func log(limit: Int) async throws -> [LogEntry] {
        let delivered = "d.instance_id = i.instance_id AND d.contact_id = i.id"
        return try await sql.raw(
            """
            SELECT i.*,
                (SELECT MAX(d.sent_at) FROM deliveries d WHERE \(unsafeRaw: delivered)) AS delivered_at,
                (SELECT COUNT(*) FROM deliveries d WHERE \(unsafeRaw: delivered) AND d.state = 'failed'
                    AND COALESCE(d.last_error, '') NOT LIKE 'withdrawn:%' AND d.created_at = (
                        SELECT MAX(e.created_at) FROM deliveries e WHERE e.instance_id = i.instance_id AND e.contact_id = i.id)) AS failures,
                (SELECT u.at FROM survey_unsubscribes u WHERE u.instance_id = i.instance_id AND u.email_key = i.email_key) AS unsubscribed_at
            FROM survey_invitations i WHERE i.instance_id = \(bind: scope.key)
            ORDER BY i.created_at DESC, i.id DESC LIMIT \(literal: limit)
            """
        ).all().map { row in
            LogEntry(
                invitation: try Self.decode(row), sentAt: try row.decode(column: "delivered_at", as: Int64?.self).map(Instant.date),
                bounced: try row.decode(column: "failures", as: Int.self) > 0,
                openedAt: try row.decode(column: "opened_at", as: Int64?.self).map(Instant.date),
                answeredAt: try row.decode(column: "answered_at", as: Int64?.self).map(Instant.date),
                unsubscribedAt: try row.decode(column: "unsubscribed_at", as: Int64?.self).map(Instant.date))
        }
    }

    static func decode(_ row: any SQLRow) throws -> SurveyInvitation {
        var invitation = SurveyInvitation(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            ticketId: try row.decode(column: "ticket_id", as: String.self),
            supportGroupCode: try row.decode(column: "support_group_code", as: String?.self),
            segmentCode: try row.decode(column: "segment_code", as: String?.self),
            customerName: try row.decode(column: "customer_name", as: String?.self),
            customerEmail: try row.decode(column: "customer_email", as: String.self),
            agent: try row.decode(column: "agent", as: String?.self),
            language: try row.decode(column: "language", as: String?.self),
            sendAt: Instant.date(try row.decode(column: "send_at", as: Int64.self)),
            expiresAt: Instant.date(try row.decode(column: "expires_at", as: Int64.self)),
            skipped: try row.decode(column: "skipped", as: String?.self).flatMap(SurveyInvitation.Skip.init(rawValue:)),
            createdAt: Instant.date(try row.decode(column: "created_at", as: Int64.self)),
            caseID: try row.decode(column: "case_id", as: String?.self).flatMap(UUID.init(uuidString:)))
        if let factors = try row.decode(column: "factors", as: String?.self) {
            invitation.answeredFactors = (try? JSONDecoder().decode([String].self, from: Data(factors.utf8))) ?? []
        }
        invitation.answeredComment = try row.decode(column: "comment", as: String?.self)
        return invitation
    }
}

extension SurveyInvitationRepository {
    /// What the customer answered through the invitation, the last answer counting: a re-survey's is its case's
    /// outcome; a first survey's factors and comment are kept for a later click on a rating to keep.
    public func recordAnswer(_ id: UUID, rating: Rating, factors: [String], comment: String?, at instant: Date) async throws {
        let at = Instant.milliseconds(instant)
        let factorsJSON = String(decoding: try JSONEncoder().encode(factors), as: UTF8.self)
        try await sql.raw(
            """
            UPDATE survey_invitations SET rating = \(bind: rating.value), factors = \(bind: factorsJSON), comment = \(bind: comment),
                opened_at = COALESCE(opened_at, \(bind: at)), answered_at = \(bind: at)
            WHERE instance_id = \(bind: scope.key) AND id = \(bind: id.storageKey)
            """
        ).run()
    }

    /// The re-surveys sent for the cases an alert in `[from, before)` opened, of `groups`, counted by group, the
    /// rating of the case's response and the re-survey's (nil: not answered).
    public func resurveyTallies(alertedFrom from: Date, before: Date, groups: [String]) async throws -> [ResurveyMeasures.Tally] {
        guard !groups.isEmpty else { return [] }
        return try await sql.raw(
            """
            SELECT c.support_group_code AS code, r.rating AS before, i.rating AS after, COUNT(*) AS cases
            FROM survey_invitations i
            JOIN recovery_cases c ON c.instance_id = i.instance_id AND c.id = i.case_id
            JOIN survey_responses r ON r.instance_id = c.instance_id AND r.id = c.response_id
            WHERE i.instance_id = \(bind: scope.key) AND i.case_id IS NOT NULL AND i.state = 'queued'
                AND c.support_group_code IN (\(binds: groups.sorted()))
                AND c.alerted_at >= \(bind: Instant.milliseconds(from)) AND c.alerted_at < \(bind: Instant.milliseconds(before))
            GROUP BY c.support_group_code, r.rating, i.rating
            """
        ).all().map { row in
            ResurveyMeasures.Tally(
                group: try row.decode(column: "code", as: String.self), before: try row.decode(column: "before", as: Int.self),
                after: try row.decode(column: "after", as: Int?.self), count: try row.decode(column: "cases", as: Int.self))
        }
    }
}
