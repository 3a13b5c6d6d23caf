import Foundation
import MakegoodAlerts
import MakegoodDomain
import MakegoodStore

/// The JSON API of SPEC §7, implementing the protocol generated from `openapi.yaml`.
struct MakegoodAPI: APIProtocol {
    let store: Store
    /// The time source; tests pass a fixed clock.
    let now: @Sendable () -> Date

    /// Where `POST /survey-responses` stores, many requests to a transaction.
    let intake: SurveyIntake
    /// Where `POST /survey-invitations` goes; nil in the tests that build the API without a site.
    let inviter: SurveyInviter?

    init(store: Store, now: @escaping @Sendable () -> Date = Date.init, inviter: SurveyInviter? = nil) {
        self.store = store
        self.now = now
        self.inviter = inviter
        intake = SurveyIntake(store: store, now: now)
    }

    /// Reads the caller's instance.
    func read<T: Sendable>(_ body: @escaping @Sendable (InstanceScope, Instance) async throws -> T) async throws -> T {
        let principal = try APIPrincipal.required()
        return try await store.read { session in
            guard let instance = try await session.instances.find(id: principal.instanceID) else { throw APIError.unauthorized }
            return try await body(session.scoped(to: instance.id), instance)
        }
    }

    /// Changes the caller's instance in one transaction.
    func write<T: Sendable>(_ body: @escaping @Sendable (InstanceScope, Instance) async throws -> T) async throws -> T {
        let principal = try APIPrincipal.required()
        return try await store.write { session in
            guard let instance = try await session.instances.find(id: principal.instanceID) else { throw APIError.unauthorized }
            return try await body(session.scoped(to: instance.id), instance)
        }
    }
}

/// Reads an id from a path; one that is not a UUID can name nothing, so it is a 404.
func parseID(_ text: String, _ what: String) throws -> UUID {
    guard let id = UUID(uuidString: text) else { throw APIError.notFound("\(what) \(text) was not found") }
    return id
}

/// Reads a code from a path; one that breaks the rules of codes can name nothing, so it is a 404.
func parseCode(_ text: String, _ what: String) throws -> String {
    guard (try? Code.validate(text, field: "code")) != nil else { throw APIError.notFound("\(what) \(text.debugDescription) was not found") }
    return text
}

/// Reads the `rgid` filter: each value must be a well-formed Support Group Code.
func parseGroupFilter(_ values: [String]?) throws -> [String]? {
    try values?.map { value in
        guard (try? Code.validate(value, field: "rgid")) != nil else {
            throw APIError.badRequest("rgid must be Support Group Codes (no spaces or control characters); got \(value.debugDescription)", field: "rgid")
        }
        return value
    }
}

/// Reads a list's `limit` (default 100, at most `ResponseQuery.maxLimit`).
func parsePageLimit(_ limit: Int?) throws -> Int {
    let limit = limit ?? 100
    guard (1...ResponseQuery.maxLimit).contains(limit) else {
        throw APIError.badRequest("limit must be from 1 to \(ResponseQuery.maxLimit); got \(limit)", field: "limit")
    }
    return limit
}

/// Reads a list's `cursor`: the `next` of an earlier page.
func parsePageCursor(_ text: String?) throws -> PageCursor? {
    try text.map { text in
        guard let cursor = PageCursor(token: text) else {
            throw APIError.badRequest("cursor is not one this API gave; start again without it", field: "cursor")
        }
        return cursor
    }
}
