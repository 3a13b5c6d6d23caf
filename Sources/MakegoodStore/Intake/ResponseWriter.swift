public import Foundation
public import MakegoodDomain

/// The one way survey responses are stored: the API's intake, the CSV import, the demo seed and the tests' fixtures
/// all write through it. Each database has one implementation of SPEC §1's store-or-replace rule: a response whose
/// ticket id already has a current response supersedes it and takes over its notes.
///
/// - SQLite: `SQLiteResponseWriter`, statements prepared once on a connection of its own.
/// - PostgreSQL: `PostgresResponseWriter`, a few multi-row statements a batch.
protocol ResponseWriter: Sendable {
    /// Stores the items in order, in one transaction: one result an item, `InstanceGone` for an instance that is
    /// not there. Any other failure throws, and nothing of the batch is kept.
    func write(_ items: [ResponseWriteItem], now: Date) async throws -> [Result<WrittenResponse, any Error>]
}

/// A submission to store in an instance.
public struct ResponseWriteItem: Sendable {
    public let instance: UUID
    public let submission: SurveySubmission

    public init(instance: UUID, submission: SurveySubmission) {
        self.instance = instance
        self.submission = submission
    }
}

/// What storing one submission wrote, before a response that replaced another is read back.
public struct WrittenResponse: Sendable {
    public let id: UUID
    /// The response this one replaced, if its ticket id already had one.
    public let replaced: UUID?
    public let problems: [ResponseProblem]
    /// The instance's NPS threshold when it was written, to describe the response.
    public let threshold: Int
    private let submission: SurveySubmission
    private let now: Int64

    /// What was stored for a submission written at `now` (in the database's milliseconds).
    init(id: UUID, submission: SurveySubmission, problems: [ResponseProblem], replaced: UUID?, threshold: Int, now: Int64) {
        self.id = id
        self.replaced = replaced
        self.problems = problems
        self.threshold = threshold
        self.submission = submission
        self.now = now
    }

    /// The response as stored, when that is all there is to it: it replaced nothing, so it has no notes and no
    /// reassignments yet. Nil for one that took over another's note thread; read that one back. (Made on asking:
    /// an import asks for none of its million.)
    public var new: SurveyResponse? {
        guard replaced == nil else { return nil }
        // What reading the row back would give: instants as the database keeps them, in whole milliseconds.
        var submission = submission
        submission.receivedAt = Instant.date(Instant.milliseconds(submission.receivedAt))
        return SurveyResponse(
            id: id, submission: submission, problems: problems, validSince: problems.isEmpty ? Instant.date(now) : nil,
            replaces: nil, reassignments: [], notes: .empty, alertedAt: nil)
    }
}

/// The instance was deleted since its token was checked (or never was).
public struct InstanceGone: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "the instance is not there any more" }
}

/// A response was turned away by the index of current ticket ids, yet its ticket has no current response.
struct TurnedAway: Error, CustomStringConvertible {
    var description: String { "a survey response could not be stored: its ticket id is neither new nor current" }
}

/// A write failed at one of its items (the CSV import names the row).
struct ResponseWriteFailed: Error, CustomStringConvertible {
    let index: Int
    let reason: any Error
    var description: String { "\(reason)" }
}

/// What storing a submission gave, read back where it had to be.
public struct ResponseReceipt: Sendable {
    public let response: SurveyResponse
    /// The response it replaced, if its ticket id had one.
    public let replaced: UUID?
    /// The instance's NPS threshold, to describe the response.
    public let threshold: Int
}

extension Store {
    /// The writer for this store's database.
    var responseWriter: any ResponseWriter {
        switch database.kind {
        case .sqlite: SQLiteResponseWriter.Lent(database: database)
        case .postgres: PostgresResponseWriter(store: self)
        }
    }

    /// Stores submissions in order in one transaction, and reads back each that took over another's notes (superseded
    /// or not: its ticket id may come again later in the batch). Throws only when the transaction did not commit;
    /// a response that can't be read back fails alone.
    public func storeResponses(_ items: [ResponseWriteItem], now: Date) async throws -> [Result<ResponseReceipt, any Error>] {
        let written = try await responseWriter.write(items, now: now)
        var readBack: [UUID: [UUID]] = [:]
        for (item, result) in zip(items, written) {
            if case .success(let w) = result, w.replaced != nil { readBack[item.instance, default: []].append(w.id) }
        }
        var found: [UUID: Result<SurveyResponse, any Error>] = [:]
        for (instance, ids) in readBack {
            do {
                let responses = try await read { try await $0.scoped(to: instance).responses.find(ids, includingSuperseded: true) }
                for response in responses { found[response.id] = .success(response) }
            } catch {
                for id in ids { found[id] = .failure(error) }
            }
        }
        return written.map { result in
            result.flatMap { w in
                let response = w.new.map { .success($0) } ?? found[w.id] ?? .failure(NotFound("survey response \(w.id.storageKey)"))
                return response.map { ResponseReceipt(response: $0, replaced: w.replaced, threshold: w.threshold) }
            }
        }
    }

    /// Stores one submission, as the API's intake does; throws `InstanceGone` for an instance that is not there.
    public func storeResponse(_ submission: SurveySubmission, instance: UUID, now: Date) async throws -> ResponseReceipt {
        try await storeResponses([ResponseWriteItem(instance: instance, submission: submission)], now: now)[0].get()
    }
}
