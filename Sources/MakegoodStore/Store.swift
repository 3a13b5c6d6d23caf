public import Foundation
public import Logging
public import MakegoodDomain
public import SQLKit

/// The one door to the data: reads on a connection, writes in a transaction.
public struct Store: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Opens the database a URL names and brings its schema up to date.
    public static func open(
        _ url: DatabaseURL, maxConnections: Int = 16, sqliteSynchronous: SQLitePragmas.Synchronous = .full, logger: Logger
    ) async throws -> Store {
        let database = try await Database.open(url, maxConnections: maxConnections, sqliteSynchronous: sqliteSynchronous, logger: logger)
        do {
            try await Migrator.migrate(database, logger: logger)
        } catch {
            await database.close()
            throw error
        }
        return Store(database: database)
    }

    /// Runs read-only work on one connection.
    public func read<T: Sendable>(_ body: @escaping @Sendable (StoreSession) async throws -> T) async throws -> T {
        let kind = database.kind
        return try await database.read { try await body(StoreSession(sql: $0, kind: kind)) }
    }

    /// Runs work in one transaction; a race lost on a unique key is retried from the start.
    public func write<T: Sendable>(_ body: @escaping @Sendable (StoreSession) async throws -> T) async throws -> T {
        let kind = database.kind
        var attempt = 0
        while true {
            do {
                return try await database.transaction { try await body(StoreSession(sql: $0, kind: kind)) }
            } catch where attempt < 3 && isUniqueViolation(error) {
                attempt += 1
            }
        }
    }

    /// Whether the database answers within `timeout`; for `/health`, which must not hang when the database does.
    public func ping(timeout: Duration = .seconds(3)) async -> Bool {
        let database = database
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                (try? await database.withConnection { try await $0.raw("SELECT 1 AS ok").first() != nil }) ?? false
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let answer = await group.next() ?? false
            group.cancelAll()
            return answer
        }
    }

    public func close() async {
        await database.close()
    }
}

/// One connection (or transaction) to the data, before it is narrowed to an instance.
public struct StoreSession: Sendable {
    public let sql: any SQLDatabase
    public let kind: Database.Kind

    public var instances: InstanceRepository { InstanceRepository(sql: sql) }
    public var apiTokens: APITokenRepository { APITokenRepository(sql: sql) }
    public var settings: SettingsRepository { SettingsRepository(sql: sql) }
    public var outbox: OutboxRepository { OutboxRepository(sql: sql, kind: kind) }
    public var webSessions: WebSessionRepository { WebSessionRepository(sql: sql) }
    public var loginAttempts: LoginAttemptRepository { LoginAttemptRepository(sql: sql, kind: kind) }
    public var invitations: InvitationRepository { InvitationRepository(sql: sql) }

    /// The repositories of one instance; every query they run filters by it.
    public func scoped(to instanceID: UUID) -> InstanceScope {
        InstanceScope(sql: sql, kind: kind, instanceID: instanceID)
    }
}

/// The data of one instance; nothing reached through it belongs to another.
public struct InstanceScope: Sendable {
    public let sql: any SQLDatabase
    public let kind: Database.Kind
    public let instanceID: UUID

    /// The instance id as stored.
    var key: String { instanceID.storageKey }

    /// `instance_id = … AND id IN (…)` (of `table` when given), to look rows up by id.
    ///
    /// Without statistics, SQLite's planner prefers an index that starts with `instance_id` to the primary key once
    /// there are four ids or more, and then walks every row of the instance. The unary `+` is SQLite's way to keep a
    /// term from choosing the index, which leaves it the primary key. PostgreSQL plans from its statistics.
    func rows(withIDs ids: [String], of table: String? = nil) -> SQLQueryString {
        let column = table.map { "\($0)." } ?? ""
        let hint = kind == .sqlite ? "+" : ""
        return "\(unsafeRaw: hint + column)instance_id = \(bind: key) AND \(unsafeRaw: column)id IN (\(binds: ids))"
    }

    public var contacts: ContactRepository { ContactRepository(scope: self) }
    public var segments: SegmentRepository { SegmentRepository(scope: self) }
    public var supportGroups: SupportGroupRepository { SupportGroupRepository(scope: self) }
    public var responses: SurveyResponseRepository { SurveyResponseRepository(scope: self) }
    public var notes: NoteRepository { NoteRepository(scope: self) }
    public var cases: CaseRepository { CaseRepository(scope: self) }
    public var users: UserRepository { UserRepository(scope: self) }
    public var performance: PerformanceRepository { PerformanceRepository(scope: self) }
    public var alertRuns: AlertRunRepository { AlertRunRepository(scope: self) }
    public var deliveries: DeliveryRepository { DeliveryRepository(scope: self) }
    public var dataErrorDigests: DataErrorDigestRepository { DataErrorDigestRepository(scope: self) }
    public var surveyInvitations: SurveyInvitationRepository { SurveyInvitationRepository(scope: self) }
    public var surveyTexts: SurveyTextsRepository { SurveyTextsRepository(scope: self) }

    /// Replaces this instance's Preferences.
    public func savePreferences(_ preferences: Preferences) async throws {
        try await InstanceRepository(sql: sql).update(preferences, of: instanceID)
    }
}

extension UUID {
    /// Ids are stored as lowercase text on both databases. Written by hand: `uuidString` formats through `snprintf`,
    /// and every stored response needs its id as text.
    public var storageKey: String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        return withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var index = 0
                for (position, byte) in bytes.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        text[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    text[index] = hex[Int(byte >> 4)]
                    text[index + 1] = hex[Int(byte & 0x0F)]
                    index += 2
                }
                return index
            }
        }
    }
}

/// Something asked for does not exist in this instance.
public struct NotFound: Error, CustomStringConvertible {
    public let what: String
    public init(_ what: String) { self.what = what }
    public var description: String { "\(what) was not found" }
}
