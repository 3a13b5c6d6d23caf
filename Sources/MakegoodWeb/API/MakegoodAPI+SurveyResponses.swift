import Foundation
import MakegoodDomain
import MakegoodStore

extension MakegoodAPI {
    func createSurveyResponse(_ input: Operations.CreateSurveyResponse.Input) async throws
        -> Operations.CreateSurveyResponse.Output
    {
        guard case .json(let body) = input.body else { throw APIError.badRequest("send the survey response as JSON") }
        let now = now()
        let submission = try SurveySubmission(body, now: now)
        try SurveySubmission.checkReceivedAt(submission.receivedAt, now: now)
        let receipt: ResponseReceipt
        do {
            receipt = try await intake.store(submission, instance: try APIPrincipal.required().instanceID)
        } catch is InstanceGone {
            throw APIError.unauthorized
        }
        SurveyMetrics.ingested(valid: receipt.response.isValid)
        return .created(.init(body: .json(.init(receipt.response, threshold: receipt.threshold))))
    }

    func listSurveyResponses(_ input: Operations.ListSurveyResponses.Input) async throws
        -> Operations.ListSurveyResponses.Output
    {
        let q = input.query
        let limit = try parsePageLimit(q.limit)
        let from = try q.from.map { try parseLocalDate($0, field: "from") }
        let to = try q.to.map { try parseLocalDate($0, field: "to") }
        let cursor = try parsePageCursor(q.cursor)
        let groups = try parseGroupFilter(q.rgid)
        let (items, next, threshold) = try await read { scope, instance in
            let range = LocalDate.instantRange(from: from, to: to, in: instance.preferences.timezone)
            let query = ResponseQuery(
                receivedFrom: range.lower, receivedBefore: range.upper, groups: groups,
                srn: SRNFilter(rawValue: q.srn?.rawValue ?? "n") ?? .none, threshold: instance.preferences.threshold,
                status: ResponseQuery.Status(rawValue: q.status?.rawValue ?? "all") ?? .all, limit: limit, after: cursor)
            let page = try await scope.responses.list(query)
            return (page.items, page.next, instance.preferences.threshold)
        }
        return .ok(.init(body: .json(.init(items: items.map { .init($0, threshold: threshold) }, next: next?.token))))
    }

    func getSurveyResponse(_ input: Operations.GetSurveyResponse.Input) async throws -> Operations.GetSurveyResponse.Output {
        let id = try parseID(input.path.id, "survey response")
        let (response, threshold) = try await read { scope, instance in
            (try await scope.responses.find(id), instance.preferences.threshold)
        }
        guard let response else { throw NotFound("survey response \(input.path.id)") }
        return .ok(.init(body: .json(.init(response, threshold: threshold))))
    }

    func patchSurveyResponse(_ input: Operations.PatchSurveyResponse.Input) async throws
        -> Operations.PatchSurveyResponse.Output
    {
        let id = try parseID(input.path.id, "survey response")
        guard case .json(let body) = input.body else { throw APIError.badRequest("send the fix as JSON") }
        let fix = try ResponseFix(
            ticketId: body.ticketId.map { .some($0) }, supportGroupCode: body.supportGroupCode.map { .some($0) },
            segmentCode: body.segmentCode.map { .some($0) })
        let now = now()
        let (response, threshold) = try await write { scope, instance in
            (try await scope.responses.patch(id, with: fix, now: now), instance.preferences.threshold)
        }
        return .ok(.init(body: .json(.init(response, threshold: threshold))))
    }

    func reassignSurveyResponse(_ input: Operations.ReassignSurveyResponse.Input) async throws
        -> Operations.ReassignSurveyResponse.Output
    {
        let id = try parseID(input.path.id, "survey response")
        guard case .json(let body) = input.body else { throw APIError.badRequest("send the new group as JSON") }
        try Code.validate(body.supportGroupCode, field: "supportGroupCode")
        let actor = try APIPrincipal.required().actor
        let now = now()
        let (response, threshold) = try await write { scope, instance in
            (try await scope.responses.reassign(id, to: body.supportGroupCode, by: actor, now: now), instance.preferences.threshold)
        }
        return .ok(.init(body: .json(.init(response, threshold: threshold))))
    }
}

/// Reads a `yyyy-mm-dd` query value.
func parseLocalDate(_ text: String, field: String) throws -> LocalDate {
    guard let date = LocalDate(text) else {
        throw APIError.badRequest("\(field) must be a date written yyyy-mm-dd, such as 2026-11-23; got \(text)", field: field)
    }
    return date
}

extension SurveySubmission {
    /// The domain's submission from the API's body; `receivedAt` defaults to now.
    init(_ body: Components.Schemas.SurveyResponseInput, now: Date) throws {
        try self.init(
            ticketId: body.ticketId, supportGroupCode: body.supportGroupCode, segmentCode: body.segmentCode,
            customerName: body.customer?.value1.name, customerEmail: body.customer?.value1.email, agent: body.agent,
            rating: try Rating(body.rating), factors: body.factors ?? [], comment: body.comment,
            receivedAt: body.receivedAt ?? now)
    }
}

extension Components.Schemas.SurveyResponse {
    init(_ response: MakegoodDomain.SurveyResponse, threshold: Int) {
        let s = response.submission
        self.init(
            id: response.id.storageKey, ticketId: s.ticketId, supportGroupCode: s.supportGroupCode, segmentCode: s.segmentCode,
            customer: .init(name: s.customerName, email: s.customerEmail), agent: s.agent, rating: s.rating.value,
            band: .init(rawValue: s.rating.band.rawValue)!, factors: s.factors, comment: s.comment, receivedAt: s.receivedAt,
            status: response.isValid ? .valid : .invalid,
            problems: response.problems.map {
                .init(field: $0.field, code: $0.code == .missing ? .missing : .unknown, message: $0.message, value: $0.value)
            },
            needsRecovery: response.needsRecovery(threshold: threshold), validSince: response.validSince,
            replaces: response.replaces?.storageKey,
            reassignments: response.reassignments.map { .init(from: $0.from, to: $0.to, by: $0.by, at: $0.at) },
            noteCount: response.notes.count, latestNoteAt: response.notes.latestAt)
    }
}
