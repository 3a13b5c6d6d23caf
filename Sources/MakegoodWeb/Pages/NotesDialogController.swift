import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodStore

/// `/service-recovery-notes` (SPEC §3): shows one response and its notes, saves new notes, and walks the
/// responses its URL selects. Works without JavaScript: each button is a submit button of one form, and every
/// save answers with a redirect to the response to show next.
struct NotesDialogController: Sendable {
    let services: PageServices

    static let path = "/service-recovery-notes"

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get(RouterPath(Self.path)) { request, context in
            let query = request.uri.queryParameters
            return try await dialog(request, context: context, parameters: { query.get($0) }, form: nil)
        }
        router.post(RouterPath(Self.path)) { request, context in
            let (form, accepted) = try await services.formFields(request, context: context)
            guard accepted else {
                // Shown again with what was typed when the dialog itself can be shown; else the form's refusal.
                do {
                    return try await dialog(request, context: context, parameters: { form[$0] }, form: form, formAccepted: false)
                } catch is PageError {
                    throw PageError.badForm
                } catch is DomainError {
                    throw PageError.badForm
                }
            }
            return try await dialog(request, context: context, parameters: { form[$0] }, form: form, formAccepted: true)
        }
    }

    /// Shows the dialog (GET), or saves what the form holds and moves on (POST).
    func dialog(
        _ request: Request, context: AppRequestContext, parameters: @escaping (String) -> String?, form: FormFields?,
        formAccepted: Bool = false
    ) async throws -> Response {
        guard let cpc = parameters("cpc"), !cpc.isEmpty else {
            throw PageError.badRequest("The URL needs cpc, your Client Portal Code, such as ?cpc=acme&rgid=…&date=….")
        }
        let dialogRequest = try NotesDialogRequest(
            rgid: parameters("rgid"), date: parameters("date"), tid: parameters("tid"), recipient: parameters("r"))
        guard let access = try await NotesDialogAccess.resolve(cpc: cpc, parameters: parameters, services: services, context: context)
        else { return PageServices.loginRedirect(cpc: cpc, request: request) }
        let instance = access.instance
        let allowed = access.allowedGroups
        let (responses, refused) = try await services.store.read { db in
            try await NotesDialogLookup(scope: db.scoped(to: instance.id), instance: instance).responses(for: dialogRequest, allowed: allowed)
        }
        if refused {
            throw PageError(.forbidden, title: "Not one of your groups", "You can open the notes of your own Support Groups' surveys only.")
        }
        let requested = parameters("at").flatMap(UUID.init(uuidString:))
        var page = NotesDialogPage(instanceName: instance.name, visitor: access.visitor)
        guard let position = NotesDialogPosition(ids: responses.map(\.id), current: requested, walks: dialogRequest.mode.walks) else {
            page.noMatch = true
            return services.renderer.render("notes-dialog", page)
        }

        if let form {
            // The response typed against must still be one the URL selects: it may have been replaced or moved since.
            let typedAgainst = requested ?? position.current
            let text = form["text"] ?? ""
            let spoke = form["spoke"] != nil
            let author = form["author"] ?? ""
            // A form whose CSRF token no longer matches (the session ended or changed while typing, say) saves
            // nothing, but the page shows the notes again with a fresh token rather than lose them.
            guard formAccepted else {
                return try await render(
                    page, access: access, request: dialogRequest, position: position, responses: responses, httpRequest: request,
                    typed: (author, spoke, text),
                    error: "This form had expired, so your notes were not saved yet. They are below: check them and save again.",
                    status: .forbidden)
            }
            guard typedAgainst == position.current else {
                return try await render(
                    page, access: access, request: dialogRequest, position: position, responses: responses, httpRequest: request,
                    typed: (author, spoke, text),
                    error: "This survey was replaced or moved to another group while you were typing, so your notes were not saved. Here is the survey the link now shows; copy your notes from below if they still apply.",
                    status: .conflict)
            }
            var note: NoteDraft?
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                do {
                    note = try NoteDraft(author: author, spokeToCustomer: spoke, text: text, createdAt: services.now())
                } catch {
                    return try await render(
                        page, access: access, request: dialogRequest, position: position, responses: responses, httpRequest: request,
                        typed: (author, spoke, text), error: error.message, status: .unprocessableContent)
                }
                note?.link = access.noteLink
            }
            do {
                let actions = try caseActions(form, access: access, savesNote: note != nil)
                let now = services.now()
                let (saved, current) = (note, position.current)
                let by = author.trimmingCharacters(in: .whitespaces).isEmpty ? (access.visitor?.displayName ?? "a report link") : author
                let group = responses.first { $0.id == current }?.submission.supportGroupCode
                try await services.store.write { db in
                    let scope = db.scoped(to: instance.id)
                    if let saved { _ = try await scope.notes.append(saved, to: current, now: now) }
                    guard !actions.isEmpty else { return }
                    let supportGroup = try await group.asyncMap { try await scope.supportGroups.find($0) } ?? nil
                    for action in actions {
                        if case .assign = action, !access.mayAssign(in: supportGroup) { continue }
                        try await scope.cases.apply(action, to: current, by: by, at: now, group: supportGroup)
                    }
                }
            } catch let error as DomainError {
                return try await render(
                    page, access: access, request: dialogRequest, position: position, responses: responses, httpRequest: request,
                    typed: (author, spoke, text), error: error.message, status: error.kind == .conflict ? .conflict : .unprocessableContent,
                    resolution: form["resolution"])
            }
            let move = NotesDialogPosition<UUID>.Move(rawValue: form["go"] ?? "") ?? .stay
            let target = position.target(of: move) ?? position.current
            var components = URLComponents()
            components.path = Self.path
            components.queryItems = access.queryItems(request: dialogRequest, at: target)
            return PageRenderer.redirect(to: components.percentEncodedURLString)
        }
        return try await render(
            page, access: access, request: dialogRequest, position: position, responses: responses, httpRequest: request,
            typed: nil, error: nil, status: .ok)
    }

    private func render(
        _ page: NotesDialogPage, access: NotesDialogAccess, request: NotesDialogRequest, position: NotesDialogPosition<UUID>,
        responses: [SurveyResponse], httpRequest: Request, typed: (author: String, spoke: Bool, text: String)?, error: String?,
        status: HTTPResponse.Status, resolution: String? = nil
    ) async throws -> Response {
        let instance = access.instance
        let response = responses[position.index]
        let (names, notes, recipient, linkRecipients, recovery) = try await services.store.read { db in
            let scope = db.scoped(to: instance.id)
            let lookup = NotesDialogLookup(scope: scope, instance: instance)
            let notes = try await scope.notes.list(of: response.id)
            return (
                try await lookup.names(of: response), notes, try await lookup.recipientName(of: request),
                try await lookup.contactNames(Set(notes.compactMap { $0.link?.recipient })),
                try await lookup.recoveryCase(of: response)
            )
        }
        var page = page
        page.show(
            response, names: names, notes: notes, linkRecipients: linkRecipients, position: position, preferences: instance.preferences)
        page.author =
            typed?.author
            ?? NoteAuthor.defaultName(loggedIn: access.visitor?.displayName, reportRecipient: recipient, supportLead: names.lead)
        page.spoke = typed?.spoke ?? false
        page.text = typed?.text ?? ""
        page.formError = error
        if let recovery {
            page.recovery = NotesDialogCase(
                recovery.case, group: recovery.group, events: recovery.events, names: recovery.names,
                mayAssign: access.mayAssign(in: recovery.group), chosenResolution: resolution, now: services.now(),
                zone: instance.preferences.timezone)
        }
        let (token, cookie) = services.csrf.token(for: httpRequest)
        page.hidden =
            [NotesDialogPage.Hidden(name: CSRFGuard.fieldName, value: token)]
            + access.queryItems(request: request, at: response.id).map { NotesDialogPage.Hidden(name: $0.name, value: $0.value ?? "") }
        return services.renderer.render("notes-dialog", page, status: status, cookies: cookie.map { [$0] } ?? [])
    }
}

extension NotesDialogController {
    /// What the form asks of the case besides its note: a new owner, reopening, closing with a resolution (in that
    /// order, so a case reopened and closed again in one save ends closed).
    func caseActions(_ form: FormFields, access: NotesDialogAccess, savesNote: Bool) throws(DomainError) -> [CaseAction] {
        var actions: [CaseAction] = []
        if let owner = form["owner"], !owner.isEmpty {
            guard let contact = UUID(uuidString: owner) else {
                throw DomainError(field: "owner", "Choose the case's owner from the list.")
            }
            actions.append(.assign(contact))
        }
        if form["case"] == "reopen" { actions.append(.reopen) }
        if let name = form["resolution"], !name.isEmpty {
            guard let resolution = CaseResolution(name: name) else {
                throw DomainError(field: "resolution", "Choose a resolution from the list: recovered, not recovered, unreachable or no action needed.")
            }
            actions.append(.close(resolution, withNote: savesNote))
        }
        return actions
    }

    /// The dialog for one response, opened with the reader's login: the report's pencils and the dashboard's SR column.
    static func link(cpc: String, to response: SurveyResponse, in zone: TimeZone) -> String? {
        guard let request = NotesDialogRequest.ticket(of: response, in: zone) else { return nil }
        var components = URLComponents()
        components.path = path
        components.queryItems = request.queryItems(cpc: cpc)
        return components.percentEncodedURLString
    }
}

extension URLComponents {
    /// The path and query, with `+` encoded too, since forms and some servers read it as a space.
    var percentEncodedURLString: String {
        var copy = self
        copy.percentEncodedQuery = copy.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return copy.string ?? path
    }
}
