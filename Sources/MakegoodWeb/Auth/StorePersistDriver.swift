import Foundation
import Hummingbird
import MakegoodStore

/// hummingbird-auth's session storage on the Makegood database, so every node sees every session.
struct StorePersistDriver: PersistDriver {
    let store: Store
    let now: @Sendable () -> Date

    init(store: Store, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.now = now
    }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let text = try Self.encode(value)
        let now = now()
        let created = try await store.write { try await $0.webSessions.create(key: key, value: text, expires: Self.expiry(expires, now), now: now) }
        guard created else { throw PersistError.duplicate }
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let text = try Self.encode(value)
        let now = now()
        try await store.write { try await $0.webSessions.set(key: key, value: text, expires: Self.expiry(expires, now), now: now) }
    }

    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    public func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let now = now()
        guard let stored = try await store.read({ try await $0.webSessions.get(key: key, now: now) }) else { return nil }
        guard let object = try? JSONDecoder().decode(Object.self, from: Data(stored.value.utf8)) else {
            throw PersistError.invalidConversion
        }
        return (object, stored.expires.map { .milliseconds(Int64($0.timeIntervalSince(now) * 1000)) })
    }

    public func remove(key: String) async throws {
        try await store.write { try await $0.webSessions.remove(key: key) }
    }

    static func encode<Object: Encodable>(_ value: Object) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func expiry(_ duration: Duration?, _ now: Date) -> Date? {
        duration.map { now.addingTimeInterval(Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) }
    }
}
