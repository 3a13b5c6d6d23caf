public import Foundation
public import MakegoodDomain
import SQLKit

/// What the scheduler needs to chase cases nobody called, and the claims that make each reminder and escalation
/// go once: whichever node's transaction claims it first queues its messages; another node's claim finds it taken.
extension CaseRepository {
    /// The open cases past their due instant, each with its response's group, most overdue first.
    public func overdue(at now: Date) async throws -> [(case: RecoveryCase, group: String?)] {
        try await sql.raw(
            """
            SELECT c.* FROM recovery_cases c
            WHERE c.instance_id = \(bind: scope.key) AND c.state = 'open' AND c.due_at < \(bind: Instant.milliseconds(now))
            ORDER BY c.due_at, c.id
            """
        ).all().map { row in
            (case: try Self.decode(row), group: try row.decode(column: "support_group_code", as: String?.self))
        }
    }

    /// The owners already reminded on a local day.
    public func reminded(on day: LocalDate) async throws -> Set<UUID> {
        let rows = try await sql.raw(
            "SELECT owner_id FROM case_reminders WHERE instance_id = \(bind: scope.key) AND local_day = \(bind: day.description)"
        ).all()
        return Set(try rows.compactMap { UUID(uuidString: try $0.decode(column: "owner_id", as: String.self)) })
    }

    /// Claims an owner's reminder of a day; false when it was already sent (another node, an earlier tick).
    public func claimReminder(owner: UUID, day: LocalDate, cases: Int, at now: Date) async throws -> Bool {
        let id = UUID().storageKey
        try await sql.raw(
            """
            INSERT INTO case_reminders (id, instance_id, owner_id, local_day, cases, created_at)
            VALUES (\(bind: id), \(bind: scope.key), \(bind: owner.storageKey), \(bind: day.description), \(bind: cases),
                \(bind: Instant.milliseconds(now)))
            ON CONFLICT (instance_id, owner_id, local_day) DO NOTHING
            """
        ).run()
        let claimed = try await sql.raw(
            """
            SELECT id FROM case_reminders
            WHERE instance_id = \(bind: scope.key) AND owner_id = \(bind: owner.storageKey) AND local_day = \(bind: day.description)
            """
        ).first()?.decode(column: "id", as: String.self)
        return claimed == id
    }

    /// Marks cases escalated to a Department's lead (nil: the admins), with an event each; returns the ones this
    /// call escalated, leaving out any escalated, contacted or closed meanwhile.
    public func claimEscalation(_ ids: [UUID], to contact: UUID?, at now: Date) async throws -> [UUID] {
        guard !ids.isEmpty else { return [] }
        // On PostgreSQL a second node's UPDATE waits for the first's row locks, then finds escalated_at set.
        let rows = try await sql.raw(
            """
            UPDATE recovery_cases SET escalated_at = \(bind: Instant.milliseconds(now))
            WHERE instance_id = \(bind: scope.key) AND id IN (\(binds: ids.map(\.storageKey).sorted()))
                AND escalated_at IS NULL AND state = 'open'
            RETURNING id
            """
        ).all()
        let claimed = Set(try rows.compactMap { UUID(uuidString: try $0.decode(column: "id", as: String.self)) })
        let escalated = ids.filter(claimed.contains)
        for id in escalated {
            try await append(.escalated(contact), to: id, by: CaseEvent.system, at: now)
        }
        return escalated
    }
}
