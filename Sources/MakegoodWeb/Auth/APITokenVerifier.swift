import Crypto
import Foundation
import MakegoodDomain
import MakegoodStore

/// Checks API tokens against their bcrypt hashes, remembering good ones for a minute
/// so that a busy client pays the slow hash once, not on every request.
actor APITokenVerifier {
    private let store: Store
    private let ttl: TimeInterval
    private var verified: [Data: (principal: APIPrincipal, until: Date)] = [:]

    init(store: Store, ttl: TimeInterval = 60) {
        self.store = store
        self.ttl = ttl
    }

    /// The caller a token names, or nil when it is unknown, revoked, or for another instance than `cpc`.
    func principal(for tokenText: String, cpc: String? = nil, now: Date = Date()) async throws -> APIPrincipal? {
        guard let token = APIToken(tokenText) else { return nil }
        let key = Data(SHA256.hash(data: Data(tokenText.utf8)))
        let principal: APIPrincipal
        if let cached = verified[key], cached.until > now {
            principal = cached.principal
        } else {
            guard let record = try await store.read({ try await $0.apiTokens.find(id: token.id) }), !record.revoked,
                Secrets.verify(token.secret, hash: record.secretHash)
            else { return nil }
            principal = APIPrincipal(instanceID: record.instanceID, actor: "api token \(record.name) (\(record.id))")
            verified[key] = (principal, now.addingTimeInterval(ttl))
            try await store.write { try await $0.apiTokens.touch(id: token.id, now: now) }
        }
        if let cpc {
            let instance = try await store.read { try await $0.instances.find(id: principal.instanceID) }
            guard instance?.cpc == cpc else { return nil }
        }
        return principal
    }
}
