public import Foundation
public import MakegoodDomain
public import SQLKit

/// Service Recovery Notes: append-only. There is deliberately no update or delete here,
/// and the database's triggers refuse both.
public struct NoteRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// Appends a note to a current response's log.
    public func append(_ draft: NoteDraft, to responseID: UUID, now: Date) async throws -> Note {
        guard let thread = try await scope.responses.noteThread(of: responseID) else {
            throw NotFound("survey response \(responseID.storageKey)")
        }
        let id = UUID()
        // The order notes were written in breaks ties between equal times; a race for the same
        // number loses on the unique key and the store retries the transaction.
        try await sql.raw(
            """
            INSERT INTO notes (id, instance_id, thread_id, author, spoke_to_customer, text, created_at, recorded_at, seq, via_link,
                link_recipient_id)
            SELECT \(bind: id.storageKey), \(bind: scope.key), \(bind: thread), \(bind: draft.author), \(bind: draft.spokeToCustomer),
                \(bind: draft.text), \(bind: Instant.milliseconds(draft.createdAt)), \(bind: Instant.milliseconds(now)),
                COALESCE(MAX(seq), 0) + 1, \(bind: draft.link != nil), \(bind: draft.link?.recipient?.storageKey)
            FROM notes WHERE instance_id = \(bind: scope.key) AND thread_id = \(bind: thread)
            """
        ).run()
        // The response's first note times (migration 7), kept the earliest whatever order notes arrive in. Only the
        // current response of the thread needs them: a newer survey taking the thread over works them out anew.
        let createdAt = Instant.milliseconds(draft.createdAt)
        try await sql.raw(
            """
            UPDATE survey_responses SET
                first_note_at = CASE WHEN first_note_at IS NULL OR first_note_at > \(bind: createdAt) THEN \(bind: createdAt) ELSE first_note_at END,
                first_spoken_at = CASE WHEN \(bind: draft.spokeToCustomer) AND (first_spoken_at IS NULL OR first_spoken_at > \(bind: createdAt))
                    THEN \(bind: createdAt) ELSE first_spoken_at END
            WHERE instance_id = \(bind: scope.key) AND id = \(bind: responseID.storageKey)
            """
        ).run()
        // The first Spoke = yes note marks the response's case contacted.
        try await scope.cases.apply(.note(spoke: draft.spokeToCustomer), to: responseID, by: draft.author, at: draft.createdAt, group: nil)
        return Note(
            id: id, responseId: responseID, author: draft.author, spokeToCustomer: draft.spokeToCustomer, text: draft.text,
            createdAt: Instant.date(Instant.milliseconds(draft.createdAt)), link: draft.link)
    }

    /// A current response's notes, oldest first (including those it took over from a response it replaced).
    public func list(of responseID: UUID) async throws -> [Note] {
        guard let thread = try await scope.responses.noteThread(of: responseID) else {
            throw NotFound("survey response \(responseID.storageKey)")
        }
        return try await sql.raw(
            """
            SELECT id, author, spoke_to_customer, text, created_at, via_link, link_recipient_id FROM notes
            WHERE instance_id = \(bind: scope.key) AND thread_id = \(bind: thread) ORDER BY created_at, seq
            """
        ).all().map { try Self.decode($0, of: responseID) }
    }

    static func decode(_ row: any SQLRow, of responseID: UUID) throws -> Note {
        Note(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            responseId: responseID,
            author: try row.decode(column: "author", as: String.self),
            spokeToCustomer: try row.decode(column: "spoke_to_customer", as: Bool.self),
            text: try row.decode(column: "text", as: String.self),
            createdAt: Instant.date(try row.decode(column: "created_at", as: Int64.self)),
            link: try row.decode(column: "via_link", as: Bool.self)
                ? NoteLink(recipient: try row.decode(column: "link_recipient_id", as: String?.self).flatMap(UUID.init(uuidString:))) : nil)
    }
}

extension NoteRepository {
    /// The notes of several current responses in one query, each list oldest first.
    public func list(ofResponses ids: [UUID]) async throws -> [UUID: [Note]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT r.id AS response_id, n.id, n.author, n.spoke_to_customer, n.text, n.created_at, n.via_link, n.link_recipient_id
            FROM survey_responses r JOIN notes n ON n.instance_id = r.instance_id AND n.thread_id = r.note_thread_id
            WHERE \(scope.rows(withIDs: ids.map(\.storageKey), of: "r"))
            ORDER BY n.created_at, n.seq
            """
        ).all()
        var notes: [UUID: [Note]] = [:]
        for row in rows {
            let responseID = UUID(uuidString: try row.decode(column: "response_id", as: String.self))!
            notes[responseID, default: []].append(try Self.decode(row, of: responseID))
        }
        return notes
    }
}
