import Foundation
import MakegoodAlerts
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import Testing

/// Admins hear about new data errors by email, at most once an hour.
@Suite struct DataErrorDigestTests {
    @Test(arguments: TestDatabase.allCases)
    func atMostOneDigestAnHourListingOnlyNewErrors(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            _ = try await fixture.write { try await $0.users.create(email: "admin@acme.example", role: .admin, contact: nil, passwordHash: "x", now: t0) }
            _ = try await fixture.write { try await $0.users.create(email: "member@acme.example", role: .member, contact: nil, passwordHash: "x", now: t0) }
            let base = URL(string: "https://mg.example.com")!
            func digest(at minutes: Double) async throws -> Int {
                try await DataErrorDigest.sendIfDue(instance: fixture.instance, store: store, baseURL: base, now: t0.addingTimeInterval(minutes * 60))
            }

            #expect(try await digest(at: 0) == 0, "nothing to say")
            try await fixture.submit(ticket: "BAD-1", group: "NOPE", at: t0.addingTimeInterval(60))
            try await fixture.submit(ticket: "GOOD", at: t0.addingTimeInterval(90))
            #expect(try await digest(at: 2) == 1, "one email, to the one admin")
            try await fixture.submit(ticket: "BAD-2", segment: nil, at: t0.addingTimeInterval(10 * 60))
            #expect(try await digest(at: 11) == 0, "within the hour")
            #expect(try await digest(at: 62) == 1)
            #expect(try await digest(at: 180) == 0, "no new errors")

            let sent = try await store.write { try await $0.outbox.claimDue(now: t0.addingTimeInterval(86_400), limit: 10, lease: 60) }
            #expect(sent.map(\.address) == ["admin@acme.example", "admin@acme.example"])
            #expect(sent[0].body.contains("BAD-1") && !sent[0].body.contains("BAD-2") && !sent[0].body.contains("GOOD"))
            #expect(sent[1].body.contains("BAD-2") && !sent[1].body.contains("BAD-1"))
            #expect(sent[0].body.contains("Support Group Code NOPE") && sent[0].html?.contains("portal/data-errors?cpc=acme") == true)
        }
    }
}
