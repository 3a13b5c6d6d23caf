import Foundation
import MakegoodAlerts
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import Testing

/// `makegood import invitations` (issue 22), on SQLite and PostgreSQL: each row an invitation by the API's rules; a
/// ticket already invited is counted, not sent again; a bad row is reported by its line and the rest kept.
@Suite struct InvitationCSVImportTests {
    @Test("a help desk's export: queued, skipped by the quiet period, already invited, and bad rows by line", arguments: TestDatabase.allCases)
    func importsAFile(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("invitations-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(
                """
                \u{FEFF}ticketId,customerEmail,customerName,supportGroupCode,segmentCode,agent,sendAt\r
                T-1,cas@example.com,"Cas, the customer",TEAM,ENT,Ann,\r
                T-2,CAS@example.com,Cas,TEAM,ENT,Ann,\r
                T-3,not an address,Nobody,TEAM,ENT,Ann,\r
                T-4,dee@example.com,Dee,TEAM,ENT,Ann,tomorrow\r
                T-5,eve@example.com,Eve,TEAM,ENT,Ann,2026-11-20T09:00:00Z\r
                T-1,cas@example.com,Cas again,TEAM,ENT,Ann,\r

                """.utf8
            ).write(to: file)
            let inviter = SurveyInviter(store: store, links: AlertRunTests.links)
            let summary = try await InvitationCSVImport.run(file: file.path, instanceID: f.instance.id, inviter: inviter, now: t0)
            #expect(summary.rows == 6 && summary.queued == 2 && summary.skipped == 1 && summary.alreadyInvited == 1)
            #expect(summary.rejected.map(\.line) == [4, 5])
            #expect(summary.rejected[0].message.contains("customer.email") && summary.rejected[1].message.contains("sendAt"))
            let t1 = try #require(try await f.read { try await $0.surveyInvitations.find(ticket: "T-1") })
            #expect(t1.customerName == "Cas, the customer")
            #expect(try await f.read { try await $0.surveyInvitations.find(ticket: "T-5") }?.sendAt == RFC3339.parse("2026-11-20T09:00:00Z"))

            // Again: nothing new.
            let again = try await InvitationCSVImport.run(file: file.path, instanceID: f.instance.id, inviter: inviter, now: t0)
            #expect(again.queued == 0 && again.alreadyInvited == 4 && again.rejected.count == 2)
            let unknown = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: unknown) }
            try Data("ticketId,rating\nT-9,3\n".utf8).write(to: unknown)
            await #expect(throws: DomainError.self) {
                try await InvitationCSVImport.run(file: unknown.path, instanceID: f.instance.id, inviter: inviter, now: t0)
            }
        }
    }
}
