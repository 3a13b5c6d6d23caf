public import Foundation
public import MakegoodDomain
public import SQLKit

/// The survey responses of one instance: intake with duplicate replacement, fixes, reassignment.
public struct SurveyResponseRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// What storing a submission did.
    public struct Intake: Sendable {
        public let response: SurveyResponse
        /// The response this one replaced, if its ticket id already had one.
        public let replaced: UUID?
    }

    /// Stores a submission; a current response with the same ticket id is superseded and its notes pass to this one.
    public func insert(_ submission: SurveySubmission, now: Date) async throws -> Intake {
        let stored = try await store(submission, now: now)
        guard let response = try await find(stored.id) else { throw NotFound("survey response \(stored.id.storageKey)") }
        return Intake(response: response, replaced: stored.replaced)
    }

    /// What `store` wrote, without reading the response back (bulk imports).
    public struct Stored: Sendable {
        public let id: UUID
        public let replaced: UUID?
        public let problems: [ResponseProblem]
    }

    /// Writes a submission as `insert` does, and returns only what it decided.
    public func store(_ submission: SurveySubmission, now: Date) async throws -> Stored {
        let id = UUID()
        let problems = try await problems(ticketId: submission.ticketId, group: submission.supportGroupCode, segment: submission.segmentCode)
        var threadID = id.storageKey
        var replaced: UUID?
        if let ticketId = submission.ticketId,
            let old = try await sql.raw(
                """
                SELECT id, note_thread_id FROM survey_responses
                WHERE instance_id = \(bind: scope.key) AND ticket_id = \(bind: ticketId) AND superseded_by IS NULL
                """
            ).first()
        {
            let oldID = try old.decode(column: "id", as: String.self)
            threadID = try old.decode(column: "note_thread_id", as: String.self)
            replaced = UUID(uuidString: oldID)
            try await sql.raw(
                """
                UPDATE survey_responses SET superseded_by = \(bind: id.storageKey), superseded_at = \(bind: Instant.milliseconds(now))
                WHERE instance_id = \(bind: scope.key) AND id = \(bind: oldID)
                """
            ).run()
        }
        let factors = String(decoding: try JSONEncoder().encode(submission.factors), as: UTF8.self)
        try await sql.raw(
            """
            INSERT INTO survey_responses (id, instance_id, ticket_id, support_group_code, segment_code, customer_name,
                customer_email, agent, rating, factors, comment, received_at, created_at, status, problems, valid_since,
                note_thread_id, replaces_id)
            VALUES (\(bind: id.storageKey), \(bind: scope.key), \(bind: submission.ticketId), \(bind: submission.supportGroupCode),
                \(bind: submission.segmentCode), \(bind: submission.customerName), \(bind: submission.customerEmail),
                \(bind: submission.agent), \(bind: submission.rating.value), \(bind: factors), \(bind: submission.comment),
                \(bind: Instant.milliseconds(submission.receivedAt)), \(bind: Instant.milliseconds(now)),
                \(bind: problems.isEmpty ? "valid" : "invalid"), \(bind: Self.encode(problems)),
                \(bind: problems.isEmpty ? Instant.milliseconds(now) : nil), \(bind: threadID), \(bind: replaced?.storageKey))
            """
        ).run()
        return Stored(id: id, replaced: replaced, problems: problems)
    }

    /// The current response with this id; superseded ones show nowhere.
    public func find(_ id: UUID) async throws -> SurveyResponse? {
        let query = ResponseQuery(ids: [id], includeAll: true)
        return try await list(query).items.first
    }

    /// Fixes a response's data; its validity is worked out again.
    public func patch(_ id: UUID, ticketId: String??, supportGroupCode: String??, segmentCode: String??, now: Date) async throws
        -> SurveyResponse
    {
        guard let current = try await find(id) else { throw NotFound("survey response \(id.storageKey)") }
        var fixed = current.submission
        if let ticketId { fixed.ticketId = ticketId }
        if let supportGroupCode { fixed.supportGroupCode = supportGroupCode }
        if let segmentCode { fixed.segmentCode = segmentCode }
        if let ticket = fixed.ticketId, ticket != current.submission.ticketId,
            try await sql.raw(
                """
                SELECT id FROM survey_responses WHERE instance_id = \(bind: scope.key) AND ticket_id = \(bind: ticket)
                    AND superseded_by IS NULL AND id <> \(bind: id.storageKey)
                """
            ).first() != nil
        {
            throw DomainError(
                .conflict, field: "ticketId",
                "ticket \(ticket) already has a current survey response; send the new response instead, which replaces it")
        }
        try await sql.raw(
            """
            UPDATE survey_responses SET ticket_id = \(bind: fixed.ticketId), support_group_code = \(bind: fixed.supportGroupCode),
                segment_code = \(bind: fixed.segmentCode)
            WHERE instance_id = \(bind: scope.key) AND id = \(bind: id.storageKey)
            """
        ).run()
        try await updateValidity(of: current, with: fixed, now: now)
        guard let response = try await find(id) else { throw NotFound("survey response \(id.storageKey)") }
        return response
    }

    /// Moves a response to another Support Group, recording who did it and when.
    public func reassign(_ id: UUID, to code: String, by actor: String, now: Date) async throws -> SurveyResponse {
        guard let current = try await find(id) else { throw NotFound("survey response \(id.storageKey)") }
        guard try await scope.supportGroups.find(code) != nil else {
            throw DomainError(
                .unknownReference, field: "supportGroupCode", "\(code) is not a Support Group of this instance; pick an existing group")
        }
        try await sql.raw(
            """
            INSERT INTO reassignments (id, instance_id, response_id, from_code, to_code, by_whom, at)
            VALUES (\(bind: UUID().storageKey), \(bind: scope.key), \(bind: id.storageKey), \(bind: current.submission.supportGroupCode),
                \(bind: code), \(bind: actor), \(bind: Instant.milliseconds(now)))
            """
        ).run()
        try await sql.raw(
            "UPDATE survey_responses SET support_group_code = \(bind: code) WHERE instance_id = \(bind: scope.key) AND id = \(bind: id.storageKey)"
        ).run()
        var moved = current.submission
        moved.supportGroupCode = code
        try await updateValidity(of: current, with: moved, now: now)
        guard let response = try await find(id) else { throw NotFound("survey response \(id.storageKey)") }
        return response
    }

    /// Works out again the validity of every invalid response waiting for a code that now exists.
    func revalidate(mentioning code: String, now: Date) async throws {
        let waiting = try await list(ResponseQuery(status: .invalid, mentioningCode: code, includeAll: true)).items
        for response in waiting {
            try await updateValidity(of: response, with: response.submission, now: now)
        }
    }

    /// The note thread a current response owns.
    func noteThread(of id: UUID) async throws -> String? {
        try await sql.raw(
            "SELECT note_thread_id FROM survey_responses WHERE instance_id = \(bind: scope.key) AND id = \(bind: id.storageKey) AND superseded_by IS NULL"
        ).first()?.decode(column: "note_thread_id", as: String.self)
    }

    private func updateValidity(of current: SurveyResponse, with submission: SurveySubmission, now: Date) async throws {
        let problems = try await problems(
            ticketId: submission.ticketId, group: submission.supportGroupCode, segment: submission.segmentCode)
        let validSince = ResponseValidity.validSince(wasValidSince: current.validSince, isValidNow: problems.isEmpty, now: now)
        try await sql.raw(
            """
            UPDATE survey_responses SET status = \(bind: problems.isEmpty ? "valid" : "invalid"), problems = \(bind: Self.encode(problems)),
                valid_since = \(bind: validSince.map(Instant.milliseconds))
            WHERE instance_id = \(bind: scope.key) AND id = \(bind: current.id.storageKey)
            """
        ).run()
    }

    private func problems(ticketId: String?, group: String?, segment: String?) async throws -> [ResponseProblem] {
        let knownGroup = try await group.asyncMap { try await scope.supportGroups.find($0) != nil } ?? false
        let knownSegment = try await segment.asyncMap { try await scope.segments.find($0) != nil } ?? false
        return ResponseValidity.problems(
            ticketId: ticketId, supportGroupCode: group, segmentCode: segment,
            isKnownGroup: { _ in knownGroup }, isKnownSegment: { _ in knownSegment })
    }

    static func encode(_ problems: [ResponseProblem]) -> String {
        String(decoding: (try? JSONEncoder().encode(problems)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
