import Foundation
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import SQLKit
import Testing

/// What may happen once happens once, even when many transactions race for it: an invitation, a login attempt.
@Suite struct SingleUseStoreTests {
    @Test("an invitation raced by 20 transactions at once is used by exactly one", arguments: TestDatabase.allCases)
    func invitationUsedOnce(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let instanceID = fixture.instance.id
            let user = try await store.write { db in
                try await db.scoped(to: instanceID).users.create(email: "new@acme.example", role: .member, contact: nil, passwordHash: "x", now: t0)
            }
            let token = try await store.write { try await $0.invitations.create(instanceID: instanceID, userID: user.id, now: t0) }
            let uses = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await store.write { try await $0.invitations.use(token: token, now: t0) } }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(uses.filter { $0 }.count == 1, "\(uses)")
            #expect(try await store.read { try await $0.invitations.find(token: token, now: t0) } == nil)
        }
    }

    /// The race laid out step by step on PostgreSQL: the first transaction uses the invitation and holds off its commit
    /// until the second is seen waiting for the row; a check-then-update would then let both through.
    @Test("an invitation used in one open transaction can't be used by a second one")
    func invitationUsedOnceAcrossOpenTransactions() async throws {
        try await TestDatabase.postgres.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let instanceID = fixture.instance.id
            let user = try await store.write { db in
                try await db.scoped(to: instanceID).users.create(email: "new@acme.example", role: .member, contact: nil, passwordHash: "x", now: t0)
            }
            let token = try await store.write { try await $0.invitations.create(instanceID: instanceID, userID: user.id, now: t0) }
            let (used, useFirst) = AsyncStream.makeStream(of: Void.self)
            let (commit, letCommit) = AsyncStream.makeStream(of: Void.self)
            async let first = store.write { db -> Bool in
                let result = try await db.invitations.use(token: token, now: t0)
                useFirst.yield()
                for await _ in commit { break }
                return result
            }
            for await _ in used { break }
            async let second = store.write { try await $0.invitations.use(token: token, now: t0) }
            // Wait until the second transaction is blocked on the row the first one changed, then let the first commit.
            while try await store.read({ db in
                try await db.sql.raw("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'").first()?
                    .decode(column: "n", as: Int.self) ?? 0
            }) == 0 {
                await Task.yield()
            }
            letCommit.yield()
            let results = try await [first, second]
            #expect(results == [true, false])
        }
    }

    @Test("30 reservations at once on one login get exactly its 10 attempts", arguments: TestDatabase.allCases)
    func loginAttemptsReservedAtomically(database: TestDatabase) async throws {
        try await database.withStore { store in
            let limits = [LoginAttemptRepository.Limit(key: "acme|dana@example.com", attempts: 10),
                          LoginAttemptRepository.Limit(key: "address|192.0.2.1", attempts: 50)]
            let since = t0.addingTimeInterval(-900)
            let results = try await withThrowingTaskGroup(of: LoginAttemptRepository.Reservation.self) { group in
                for _ in 0..<30 {
                    group.addTask { try await store.write { try await $0.loginAttempts.reserve(limits, since: since, now: t0) } }
                }
                return try await group.reduce(into: [LoginAttemptRepository.Reservation]()) { $0.append($1) }
            }
            let reserved = results.compactMap { if case .reserved(let ids) = $0 { ids } else { nil } }
            #expect(reserved.count == 10 && reserved.allSatisfy { $0.count == 2 })
            #expect(results.filter { $0 == .refused(key: "acme|dana@example.com", oldest: t0) }.count == 20)
            #expect(try await store.read { try await $0.loginAttempts.count(key: "address|192.0.2.1", since: since) } == 10)
            // A login that succeeds gives its attempt back and clears the login's failures; the address keeps the others.
            try await store.write { try await $0.loginAttempts.release(ids: reserved[0], clearing: "acme|dana@example.com", before: since) }
            #expect(try await store.read { try await $0.loginAttempts.count(key: "acme|dana@example.com", since: since) } == 0)
            #expect(try await store.read { try await $0.loginAttempts.count(key: "address|192.0.2.1", since: since) } == 9)
        }
    }
}
