import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodStore

/// Portal › Survey texts (issue 22): what the survey asks and offers, in English and any language an admin adds; an
/// invitation's `language` picks one (pt-BR falls back to pt, then English).
struct SurveyTextsPortalPage: Sendable {
    let services: PageServices

    func show(_ visitor: PortalVisitor, request: Request) async throws -> Response {
        try await render(visitor, request: request, editing: nil, error: nil, saved: request.uri.queryParameters.get("saved"))
    }

    func save(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        let factors = (form["factors"] ?? "").split(whereSeparator: \.isNewline).map(String.init)
        let texts: SurveyTexts
        do {
            texts = try SurveyTexts(
                language: PlainText.trimmed(form["language"] ?? ""), ratingQuestion: form["ratingQuestion"] ?? "",
                factorsQuestion: form["factorsQuestion"] ?? "", commentQuestion: form["commentQuestion"] ?? "",
                thankYou: form["thankYou"] ?? "", factors: factors)
        } catch {
            let typed = SurveyTexts(
                unchecked: form["language"] ?? "", ratingQuestion: form["ratingQuestion"] ?? "", factorsQuestion: form["factorsQuestion"] ?? "",
                commentQuestion: form["commentQuestion"] ?? "", thankYou: form["thankYou"] ?? "", factors: factors)
            return try await render(visitor, request: request, editing: typed, error: error, saved: nil, status: .unprocessableContent)
        }
        let instanceID = visitor.instance.id, now = services.now()
        try await services.store.write { try await $0.scoped(to: instanceID).surveyTexts.put(texts, now: now) }
        return PageRenderer.redirect(to: "/portal/survey?cpc=\(PortalController.encode(visitor.instance.cpc))&saved=\(PortalController.encode(texts.language))")
    }

    func remove(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        let language = form["language"] ?? ""
        let instanceID = visitor.instance.id
        if language.lowercased() != "en" {
            try await services.store.write { try await $0.scoped(to: instanceID).surveyTexts.remove(language) }
        }
        return PageRenderer.redirect(to: "/portal/survey?cpc=\(PortalController.encode(visitor.instance.cpc))")
    }

    private func render(
        _ visitor: PortalVisitor, request: Request, editing: SurveyTexts?, error: DomainError?, saved: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let instance = visitor.instance
        let stored = try await services.store.read { try await $0.scoped(to: instance.id).surveyTexts.list() }
        // English is always listed: the instance's own, or the built-in texts it asks until it sets its own.
        var languages = stored.contains { $0.language.lowercased() == "en" } ? stored : [SurveyTexts.english] + stored
        if let editing, let index = languages.firstIndex(where: { $0.language.lowercased() == editing.language.lowercased() }) {
            languages[index] = editing
        }
        func form(_ texts: SurveyTexts, id: String, new: Bool) -> [String: Any] {
            [
                "id": id, "language": texts.language, "new": new, "english": texts.language.lowercased() == "en",
                "ratingQuestion": texts.ratingQuestion, "factorsQuestion": texts.factorsQuestion, "commentQuestion": texts.commentQuestion,
                "thankYou": texts.thankYou, "factors": texts.factors.joined(separator: "\n"),
            ]
        }
        let adding = editing.flatMap { e in languages.contains { $0.language.lowercased() == e.language.lowercased() } ? nil : e }
        let (csrf, cookie) = services.csrf.token(for: request)
        var page: [String: Any] = [
            "title": "Survey texts", "visitor": visitor.header, "instanceName": instance.name, "cpc": instance.cpc, "csrf": csrf,
            "languages": languages.enumerated().map { form($1, id: "texts-\($0)", new: false) },
            "add": form(adding ?? SurveyTexts(unchecked: "", ratingQuestion: SurveyTexts.english.ratingQuestion,
                factorsQuestion: SurveyTexts.english.factorsQuestion, commentQuestion: SurveyTexts.english.commentQuestion,
                thankYou: SurveyTexts.english.thankYou, factors: SurveyTexts.english.factors), id: "texts-new", new: true),
        ]
        if let saved { page["saved"] = saved }
        if let error {
            page["error"] = error.message
            page["errorField"] = error.field ?? ""
        }
        return services.renderer.render("portal-survey", page, status: status, cookies: cookie.map { [$0] } ?? [])
    }
}
