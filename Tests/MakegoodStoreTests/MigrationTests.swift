import Foundation
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import SQLKit
import Testing

/// Migrations that move data keep every row's meaning.
@Suite struct MigrationTests {
    /// A message queued before migration 6 keeps its subject, bodies and PDF after the content moves out (6), and its
    /// PDF's bytes when they stop being kept as base64 text (8).
    @Test(arguments: TestDatabase.allCases)
    func deliveryContentsSurviveTheSplit(database: TestDatabase) async throws {
        try await database.withDatabase { db in
            let before = Migration.all.filter { $0.version < 6 }
            #expect(try await Migrator.migrate(db, migrations: before, logger: TestDatabase.logger) == [1, 2, 3, 4, 5])
            let store = Store(database: db)
            let instance = Instance(cpc: "mig", name: "Migrating", preferences: try Preferences(timezone: TimeZone(identifier: "UTC")!))
            let pdf = Data("%PDF-1.5 report".utf8)
            try await db.withConnection { sql in
                // The instance as version 5 stores it: the repository writes today's columns.
                try await sql.raw(
                    """
                    INSERT INTO instances (id, cpc, name, threshold, alert_time, timezone, weekend_alerts, target_hours, created_at)
                    VALUES (\(bind: instance.id.storageKey), 'mig', 'Migrating', 6, '09:00', 'UTC', TRUE, 24, 0)
                    """
                ).run()
                try await sql.raw(
                    """
                    INSERT INTO deliveries (id, instance_id, run_id, digest_id, contact_id, channel, address, subject, body, html,
                        attachment_name, attachment, item_count, group_names, state, next_attempt_at, created_at)
                    VALUES ('d1', \(bind: instance.id.storageKey), NULL, NULL, 'c1', 'email', 'lee@acme.example', 'Three to call',
                        'Body text', '<p>Body</p>', 'service-recovery-report.pdf', \(bind: pdf.base64EncodedString()), 3, '["Alpha"]',
                        'sent', 0, 0)
                    """
                ).run()
            }

            #expect(try await Migrator.migrate(db, logger: TestDatabase.logger) == [6, 7, 8, 9, 10, 11, 12, 13, 14])

            let migrated = try #require(try await store.read { try await $0.instances.find(id: instance.id) })
            #expect(migrated.preferences.remindOverdue && migrated.preferences.escalateAfterHours == nil)
            let delivery = try #require(try await store.read { try await $0.scoped(to: instance.id).deliveries.find("d1") })
            #expect(delivery.subject == "Three to call" && delivery.body == "Body text" && delivery.html == "<p>Body</p>")
            #expect(delivery.attachment?.name == "service-recovery-report.pdf" && delivery.attachment?.bytes == pdf)
            #expect(delivery.state == .sent && delivery.itemCount == 3 && delivery.groupNames == ["Alpha"])
            let stored = try await db.withConnection { sql in
                try await sql.raw("SELECT length(attachment) AS size FROM delivery_contents WHERE delivery_id = 'd1'").first()
            }
            #expect(try stored?.decode(column: "size", as: Int.self) == pdf.count)
            // Another instance sees nothing of it.
            #expect(try await store.read { try await $0.scoped(to: UUID()).deliveries.find("d1") } == nil)
        }
    }
}
