import Foundation
import MakegoodDomain
import MakegoodStore

/// Finds what a notes dialog shows: the responses its URL selects, in walking order, and the details of the one
/// shown. Everything is read through the instance's scope, so nothing of another instance can match.
struct NotesDialogLookup: Sendable {
    let scope: InstanceScope
    let instance: Instance

    /// The responses selected, oldest received first. `refused` is true when some matched but none of them is in
    /// `allowed` (an alerts-only member asking for another group's responses).
    func responses(for request: NotesDialogRequest, allowed: Set<String>?) async throws -> (items: [SurveyResponse], refused: Bool) {
        let zone = instance.preferences.timezone
        var query = ResponseQuery(threshold: instance.preferences.threshold, limit: Int.max)
        query.oldestFirst = true
        func day(_ date: LocalDate) {
            query.receivedFrom = date.startOfDay(in: zone)
            query.receivedBefore = date.adding(days: 1).startOfDay(in: zone)
        }
        switch request.mode {
        case .ticket(let tid, let rgid, let date):
            query.ticketId = tid
            query.groups = rgid.map { [$0] }
            if let date { day(date) }
        case .groupDay(let rgid, let date):
            query.groups = [rgid]
            query.srn = .needingRecovery
            day(date)
        case .report(let date, let recipient):
            guard let contact = UUID(uuidString: recipient) else { return ([], false) }
            query.alertRuns = try await scope.alertRuns.reportRuns(day: date, recipient: contact)
            query.groups = try await scope.supportGroups.list().filter { $0.recipients.contains(contact) }.map(\.code)
        }
        let items = try await scope.responses.list(query).items
        guard let allowed else { return (items, false) }
        let visible = items.filter { $0.submission.supportGroupCode.map(allowed.contains) ?? false }
        return (visible, visible.isEmpty && !items.isEmpty)
    }

    /// Names the dialog shows beside a response: its group, the group's Support Lead, and its segment.
    func names(of response: SurveyResponse) async throws -> (group: String?, lead: String?, segment: String?) {
        let s = response.submission
        let group = try await s.supportGroupCode.asyncMap { try await scope.supportGroups.find($0) } ?? nil
        let lead = try await group.asyncMap { try await scope.contacts.find($0.lead) } ?? nil
        let segment = try await s.segmentCode.asyncMap { try await scope.segments.find($0) } ?? nil
        return (group?.name, lead?.name, segment?.name)
    }

    /// The name of a report's recipient, for the title link's default author.
    func recipientName(of request: NotesDialogRequest) async throws -> String? {
        guard case .report(_, let recipient) = request.mode, let id = UUID(uuidString: recipient) else { return nil }
        return try await scope.contacts.find(id)?.name
    }

    /// The names of these contacts of the instance, by id; one that is gone is left out.
    func contactNames(_ ids: Set<UUID>) async throws -> [UUID: String] {
        var names: [UUID: String] = [:]
        for id in ids {
            names[id] = try await scope.contacts.find(id)?.name
        }
        return names
    }

    /// The response's recovery case, its group, its history and the names they show; nil before an alert reports it.
    func recoveryCase(of response: SurveyResponse) async throws -> (
        case: RecoveryCase, group: SupportGroup?, events: [CaseEvent], names: [UUID: String]
    )? {
        guard let recovery = try await scope.cases.find(response: response.id) else { return nil }
        let group = try await response.submission.supportGroupCode.asyncMap { try await scope.supportGroups.find($0) } ?? nil
        let events = try await scope.cases.events(of: recovery.id)
        let names = try await contactNames(NotesDialogCase.contacts(of: group, events: events))
        return (recovery, group, events, names)
    }
}
