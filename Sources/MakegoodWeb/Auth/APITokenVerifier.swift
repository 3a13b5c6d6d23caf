import Crypto
import Foundation
import MakegoodDomain
import MakegoodStore
import Synchronization

/// Checks API tokens against their bcrypt hashes. Good tokens are remembered for a minute, so a busy client pays
/// the slow hash once; refusals for a few seconds, so a wrong secret hammered at a known id can't queue hashes.
/// The memory is behind a lock held only to look up or remember, never while hashing: one slow check never holds up
/// another, and a remembered token costs no hop to another executor on every request. A token being checked is
/// checked once: requests that carry it meanwhile wait for that check instead of each starting a hash of their own
/// (a client with 64 connections would otherwise fill the password threads' queue every minute).
final class APITokenVerifier: Sendable {
    private let store: Store
    private let ttl: TimeInterval
    private let refusalTTL: TimeInterval
    private struct Memory {
        var verified: [Data: (principal: APIPrincipal, until: Date)] = [:]
        var refused: [Data: Date] = [:]
        var checking: [Data: Task<APIPrincipal?, any Error>] = [:]
    }
    private let memory = Mutex(Memory())

    init(store: Store, ttl: TimeInterval = 60, refusalTTL: TimeInterval = 5) {
        self.store = store
        self.ttl = ttl
        self.refusalTTL = refusalTTL
    }

    /// The caller a token names, or nil when it is unknown, revoked, or for another instance than `cpc`.
    func principal(for tokenText: String, cpc: String? = nil, now: Date = Date()) async throws -> APIPrincipal? {
        guard let token = APIToken(tokenText) else { return nil }
        let key = Data(SHA256.hash(data: Data(tokenText.utf8)))
        let principal: APIPrincipal
        switch remembered(key, now: now) {
        case .some(.some(let known)):
            principal = known
        case .some(.none):
            return nil
        case .none:
            guard let checked = try await check(token, key: key, now: now).value else { return nil }
            principal = checked
        }
        if let cpc {
            let instance = try await store.read { try await $0.instances.find(id: principal.instanceID) }
            guard instance?.cpc == cpc else { return nil }
        }
        return principal
    }

    /// The one check of a token under way, started now unless another request already started it.
    private func check(_ token: APIToken, key: Data, now: Date) -> Task<APIPrincipal?, any Error> {
        memory.withLock { memory in
            if let running = memory.checking[key] { return running }
            let task = Task { [store] () -> APIPrincipal? in
                defer { self.memory.withLock { _ = $0.checking.removeValue(forKey: key) } }
                guard let record = try await store.read({ try await $0.apiTokens.find(id: token.id) }), !record.revoked,
                    try await PasswordWork.verify(token.secret, hash: record.secretHash)
                else {
                    self.remember(refusalOf: key, now: now)
                    return nil
                }
                let principal = APIPrincipal(instanceID: record.instanceID, actor: "api token \(record.name) (\(record.id))")
                self.remember(principal, for: key, now: now)
                try await store.write { try await $0.apiTokens.touch(id: token.id, now: now) }
                return principal
            }
            memory.checking[key] = task
            return task
        }
    }

    /// nil: not known; .some(nil): recently refused; .some(principal): recently verified.
    private func remembered(_ key: Data, now: Date) -> APIPrincipal?? {
        memory.withLock { memory in
            if let entry = memory.verified[key], entry.until > now { return .some(entry.principal) }
            if let until = memory.refused[key], until > now { return .some(nil) }
            return nil
        }
    }

    private func remember(_ principal: APIPrincipal, for key: Data, now: Date) {
        memory.withLock { $0.verified[key] = (principal, now.addingTimeInterval(ttl)) }
    }

    private func remember(refusalOf key: Data, now: Date) {
        memory.withLock { memory in
            if memory.refused.count > 10_000 { memory.refused = memory.refused.filter { $0.value > now } }
            memory.refused[key] = now.addingTimeInterval(refusalTTL)
        }
    }
}
