public import Foundation
public import MakegoodDomain
public import SQLKit

/// The survey responses of one instance: intake with duplicate replacement, fixes, reassignment.
public struct SurveyResponseRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// The current response with this id; superseded ones show nowhere.
    public func find(_ id: UUID) async throws -> SurveyResponse? {
        let query = ResponseQuery(ids: [id], includeAll: true)
        return try await list(query).items.first
    }

    /// The current responses with these ids, in no particular order; superseded ones too when asked for.
    public func find(_ ids: [UUID], includingSuperseded: Bool = false) async throws -> [SurveyResponse] {
        var found: [SurveyResponse] = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            var query = ResponseQuery(ids: Array(ids[start..<min(start + 500, ids.count)]), includeAll: true)
            query.includingSuperseded = includingSuperseded
            found += try await list(query).items
        }
        return found
    }

    /// Fixes a response's data; its validity is worked out again.
    public func patch(_ id: UUID, with fix: ResponseFix, now: Date) async throws -> SurveyResponse {
        guard let current = try await find(id) else { throw NotFound("survey response \(id.storageKey)") }
        let fixed = fix.applied(to: current.submission)
        if let ticket = fix.newTicketId(replacing: current.submission.ticketId),
            try await sql.raw(
                """
                SELECT id FROM survey_responses WHERE instance_id = \(bind: scope.key) AND ticket_id = \(bind: ticket)
                    AND superseded_by IS NULL AND id <> \(bind: id.storageKey)
                """
            ).first() != nil
        {
            throw ResponseFix.ticketTaken(ticket)
        }
        try await sql.raw(
            """
            UPDATE survey_responses SET ticket_id = \(bind: fixed.ticketId), support_group_code = \(bind: fixed.supportGroupCode),
                segment_code = \(bind: fixed.segmentCode)
            WHERE instance_id = \(bind: scope.key) AND id = \(bind: id.storageKey)
            """
        ).run()
        try await scope.cases.followGroup(of: id)
        try await updateValidity(of: current, with: fixed, now: now)
        guard let response = try await find(id) else { throw NotFound("survey response \(id.storageKey)") }
        return response
    }

    /// Moves a response to another Support Group, recording who did it and when.
    public func reassign(_ id: UUID, to code: String, by actor: String, now: Date) async throws -> SurveyResponse {
        guard let current = try await find(id) else { throw NotFound("survey response \(id.storageKey)") }
        // Already there: nothing moves, and nothing is recorded as moved.
        if current.submission.supportGroupCode == code { return current }
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
        try await scope.cases.followGroup(of: id)
        var moved = current.submission
        moved.supportGroupCode = code
        try await updateValidity(of: current, with: moved, now: now)
        guard let response = try await find(id) else { throw NotFound("survey response \(id.storageKey)") }
        return response
    }

    /// Works out again the validity of every invalid response waiting for a code that now exists.
    func revalidate(mentioning code: String, now: Date) async throws {
        // A page at a time: however many responses wait for a code, no statement binds more than a page of ids.
        var query = ResponseQuery(status: .invalid, mentioningCode: code, includeAll: true)
        query.limit = 500
        repeat {
            let page = try await list(query)
            for response in page.items {
                try await updateValidity(of: response, with: response.submission, now: now)
            }
            query.after = page.next
        } while query.after != nil
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
                valid_since = \(bind: validSince.map(Instant.milliseconds)),
                data_error_digest_id = CASE WHEN status = 'valid' THEN NULL ELSE data_error_digest_id END
            WHERE instance_id = \(bind: scope.key) AND id = \(bind: current.id.storageKey)
            """
        ).run()
    }

    private func problems(ticketId: String?, group: String?, segment: String?) async throws -> [ResponseProblem] {
        let known = try await KnownCodes.load(groups: [group].compactMap { $0 }, segments: [segment].compactMap { $0 }, in: scope)
        return known.problems(ticketId: ticketId, group: group, segment: segment)
    }

    /// The factors as the database keeps them, a JSON array of strings. Written by hand: the intake writes one for
    /// every response, and JSONEncoder costs more than the rest of the row's binding.
    static func encode(factors: [String]) -> String {
        guard !factors.isEmpty else { return "[]" }
        var json = "["
        for (index, factor) in factors.enumerated() {
            if index > 0 { json += "," }
            json += "\""
            for scalar in factor.unicodeScalars {
                switch scalar {
                case "\"": json += "\\\""
                case "\\": json += "\\\\"
                case "\n": json += "\\n"
                case "\r": json += "\\r"
                case "\t": json += "\\t"
                case _ where scalar.value < 0x20: json += String(format: "\\u%04x", scalar.value)
                default: json.unicodeScalars.append(scalar)
                }
            }
            json += "\""
        }
        return json + "]"
    }

    static func encode(_ problems: [ResponseProblem]) -> String {
        guard !problems.isEmpty else { return "[]" }
        return String(decoding: (try? JSONEncoder().encode(problems)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
