import Foundation
import SQLKit

extension Migration {
    /// Reminders and escalation (issue 21): the Preferences that drive them, the day each owner was last reminded
    /// (its unique key is the claim that makes a reminder go once however many nodes tick), and when a case escalated.
    static let addCaseChasing = Migration(version: 12, name: "case reminders and escalation") { sql, kind in
        let statements: [SQLQueryString] = [
            "ALTER TABLE instances ADD COLUMN remind_overdue BOOLEAN NOT NULL DEFAULT TRUE",
            // NULL follows target_hours.
            "ALTER TABLE instances ADD COLUMN escalate_after_hours INTEGER",
            "ALTER TABLE recovery_cases ADD COLUMN escalated_at BIGINT",
            // The group of the case's response, kept with the case (the writers, reassigning and fixing keep it
            // current), so My queue and the SRP read cases without joining a response each.
            "ALTER TABLE recovery_cases ADD COLUMN support_group_code TEXT",
            """
            UPDATE recovery_cases SET support_group_code = (SELECT r.support_group_code FROM survey_responses r
                WHERE r.instance_id = recovery_cases.instance_id AND r.id = recovery_cases.response_id)
            """,
            // My queue's "closed this week", without reading every case an instance ever closed.
            "CREATE INDEX cases_by_closing ON recovery_cases (instance_id, closed_at)",
            // A group's queue, and the SRP's open and overdue counts of a group.
            "CREATE INDEX cases_by_group ON recovery_cases (instance_id, support_group_code, state, due_at)",
            // The SRP's closed cases of a group, alerted in the period, from the index alone.
            """
            CREATE INDEX cases_closed_by_group ON recovery_cases
                (instance_id, support_group_code, state, alerted_at, resolution, closed_at)
            """,
            """
            CREATE TABLE case_reminders (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                owner_id TEXT NOT NULL,
                local_day TEXT NOT NULL,
                cases INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                UNIQUE (instance_id, owner_id, local_day))
            """,
        ]
        for statement in statements {
            try await sql.raw(statement).run()
        }
        // The cases migration 11 made of responses alerted long ago would all escalate at the first tick after the
        // upgrade; those already past their escalation instant count as escalated then, without a message. They
        // stay in My queue, and in their owners' reminders until someone closes them.
        let now = Instant.milliseconds(Date())
        try await sql.raw(
            """
            UPDATE recovery_cases SET escalated_at = due_at + (
                SELECT target_hours FROM instances i WHERE i.id = recovery_cases.instance_id) * 3600000
            WHERE state = 'open' AND due_at + (
                SELECT target_hours FROM instances i WHERE i.id = recovery_cases.instance_id) * 3600000 <= \(bind: now)
            """
        ).run()
    }
}
