import Foundation
import MakegoodDomain
import MakegoodStore

extension MakegoodAPI {
    func listNotes(_ input: Operations.ListNotes.Input) async throws -> Operations.ListNotes.Output {
        let id = try parseID(input.path.id, "survey response")
        let notes = try await read { scope, _ in try await scope.notes.list(of: id) }
        return .ok(.init(body: .json(.init(items: notes.map(Components.Schemas.Note.init)))))
    }

    func createNote(_ input: Operations.CreateNote.Input) async throws -> Operations.CreateNote.Output {
        let id = try parseID(input.path.id, "survey response")
        guard case .json(let body) = input.body else { throw APIError.badRequest("send the note as JSON") }
        let now = now()
        if let createdAt = body.createdAt, createdAt > now.addingTimeInterval(300) {
            throw DomainError(field: "createdAt", "createdAt is in the future; it is only for importing notes written earlier")
        }
        let draft = try NoteDraft(
            author: body.author, spokeToCustomer: body.spokeToCustomer, text: body.text, createdAt: body.createdAt ?? now)
        let note = try await write { scope, _ in try await scope.notes.append(draft, to: id, now: now) }
        return .created(.init(body: .json(.init(note))))
    }
}

extension Components.Schemas.Note {
    init(_ note: Note) {
        self.init(
            id: note.id.storageKey, responseId: note.responseId.storageKey, author: note.author,
            spokeToCustomer: note.spokeToCustomer, text: note.text, createdAt: note.createdAt)
    }
}
