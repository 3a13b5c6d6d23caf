import Foundation
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import Testing

/// Contacts, groups and segments, and the walls between instances.
@Suite struct StructureStoreTests {
    /// A contact who leads a group can't be deleted; one who leads nothing can.
    @Test(arguments: TestDatabase.allCases)
    func deletingALeadIsAConflict(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let lead = fixture.lead.id
            let error = await #expect(throws: DomainError.self) { try await fixture.write { try await $0.contacts.delete(lead) } }
            #expect(error?.kind == .conflict)
            #expect(error?.message.contains("TEAM") == true)
            let other = try Contact(name: "Olly", email: "olly@acme.example", mobile: "+61400000000")
            try await fixture.write { try await $0.contacts.create(other, now: t0) }
            try await fixture.write { try await $0.contacts.delete(other.id) }
            #expect(try await fixture.read { try await $0.contacts.find(other.id) } == nil)
        }
    }

    /// A group whose lead is not a contact of the instance, and a department cycle, are refused.
    @Test(arguments: TestDatabase.allCases)
    func groupRulesAreEnforced(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store, groups: [])
            let lead = fixture.lead.id
            await #expect(throws: DomainError.self) {
                try await fixture.write {
                    try await $0.supportGroups.put(
                        try SupportGroup(code: "X", name: "X", department: nil, lead: UUID(), alsoAlerts: []), now: t0)
                }
            }
            _ = try await fixture.write {
                try await $0.supportGroups.put(try SupportGroup(code: "DEP", name: "Dept", department: nil, lead: lead, alsoAlerts: []), now: t0)
            }
            _ = try await fixture.write {
                try await $0.supportGroups.put(try SupportGroup(code: "T1", name: "Team", department: "DEP", lead: lead, alsoAlerts: []), now: t0)
            }
            let cycle = await #expect(throws: DomainError.self) {
                try await fixture.write {
                    try await $0.supportGroups.put(
                        try SupportGroup(code: "DEP", name: "Dept", department: "T1", lead: lead, alsoAlerts: []), now: t0)
                }
            }
            #expect(cycle?.field == "department")
            let conflict = await #expect(throws: DomainError.self) { try await fixture.write { try await $0.supportGroups.delete("DEP") } }
            #expect(conflict?.kind == .conflict)
            let hierarchy = try await fixture.read { try await $0.supportGroups.hierarchy() }
            #expect(hierarchy.descendants(of: "DEP") == ["DEP", "T1"])
        }
    }

    /// One instance's scope never reaches another's records.
    @Test(arguments: TestDatabase.allCases)
    func instancesAreIsolated(database: TestDatabase) async throws {
        try await database.withStore { store in
            let a = try await Fixture.make(on: store, cpc: "aaa")
            let b = try await Fixture.make(on: store, cpc: "bbb")
            let response = try await a.submit(ticket: "SAME", at: t0).response
            let other = try await b.submit(ticket: "SAME", at: t0)

            #expect(other.replaced == nil)
            #expect(try await b.read { try await $0.responses.find(response.id) } == nil)
            #expect(try await b.read { try await $0.contacts.find(a.lead.id) } == nil)
            await #expect(throws: NotFound.self) { try await b.read { try await $0.notes.list(of: response.id) } }
            await #expect(throws: NotFound.self) { try await b.write { try await $0.contacts.delete(a.lead.id) } }
            #expect(try await b.read { try await $0.responses.list(ResponseQuery()).items.map(\.id) } == [other.response.id])
        }
    }

    /// Migrating an up-to-date database changes nothing.
    @Test(arguments: TestDatabase.allCases)
    func migrationsAreIdempotent(database: TestDatabase) async throws {
        try await database.withStore { store in
            let applied = try await Migrator.migrate(store.database, logger: TestDatabase.logger)
            #expect(applied.isEmpty)
            #expect(await store.ping())
        }
    }
}
