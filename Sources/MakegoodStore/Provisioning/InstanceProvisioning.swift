public import Foundation
public import MakegoodDomain

/// Creates an instance ready to use: default Preferences, an admin login and an API token.
public enum InstanceProvisioning {
    /// What `instance create` prints once; the secrets are stored only as hashes.
    public struct Credentials: Sendable, Codable {
        public let cpc: String
        public let apiToken: String
        public let adminEmail: String
        public let adminPassword: String
    }

    /// The name of the API token `instance create` prints.
    public static let firstTokenName = "created with the instance"

    /// Creates the instance; a taken CPC or a bad timezone is a `DomainError`.
    public static func create(
        cpc: String, name: String, timezone: String, adminEmail: String?, store: Store, now: Date
    ) async throws -> Credentials {
        try Instance.validateCPC(cpc)
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedName.isEmpty else { throw DomainError(field: "name", "the instance needs a name") }
        let preferences = try Preferences(timezone: try Preferences.parseTimeZone(timezone))
        let email = try EmailAddress.validate(adminEmail ?? "admin@\(cpc).makegood.invalid", field: "adminEmail")
        let instance = Instance(cpc: cpc, name: trimmedName, preferences: preferences)
        let token = APIToken.generate()
        let password = Secrets.random(length: 20)
        // Hashing is slow on purpose; do it before the transaction holds the write lock.
        let tokenHash = Secrets.hash(token.secret, cost: Secrets.tokenCost)
        let passwordHash = Secrets.hash(password, cost: Secrets.passwordCost)
        try await store.write { session in
            try await session.instances.create(instance, now: now)
            try await session.apiTokens.create(
                id: token.id, instanceID: instance.id, name: firstTokenName, secretHash: tokenHash, now: now)
            _ = try await session.scoped(to: instance.id).users.create(
                email: email, role: .admin, contact: nil, passwordHash: passwordHash, now: now)
        }
        return Credentials(cpc: cpc, apiToken: token.text, adminEmail: email, adminPassword: password)
    }
}
