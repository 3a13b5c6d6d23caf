import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodStore

/// The survey page a customer opens from an invitation (issue 22), without a login: the link's signature is the
/// permission. A rating in the link is recorded at once, through the store's one response writer as an API response
/// is, so a customer who clicks and leaves still counts; the page then asks the factors and a comment, both optional.
/// `/survey/unsubscribe` stops the address's surveys: a GET asks, a POST (the page's button, or a mail client's
/// RFC 8058 one-click) does it, so a mail scanner that follows links unsubscribes nobody.
struct SurveyController: Sendable {
    let services: PageServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/survey") { request, _ in try await survey(request) }
        router.post("/survey") { request, context in try await answer(request, context: context) }
        router.get("/survey/unsubscribe") { request, _ in try await unsubscribePage(request, done: false) }
        router.post("/survey/unsubscribe") { request, _ in try await unsubscribe(request) }
    }

    static let refused = PageError(
        .forbidden, title: "This survey link is not valid",
        "This survey link is not valid: it may have been cut short or changed. Open the link in the email you were sent again.")
    static let expired = PageError(
        .gone, title: "This survey has closed",
        "This survey has closed: its links work for a set number of days after it is sent. Thank you all the same; you can reply to the email you were sent.")

    /// The instance and invitation a signed link names, or the page that refuses it.
    private func open(_ link: SurveyLink?, signature: String?) async throws -> (Instance, SurveyInvitation, SurveyTexts) {
        guard let link, let signature else { throw Self.refused }
        do {
            try services.signer.verify(link, signature: signature, now: services.now())
        } catch .expired {
            throw Self.expired
        } catch {
            throw Self.refused
        }
        let found = try await services.store.read { session -> (Instance, SurveyInvitation, SurveyTexts)? in
            guard let instance = try await session.instances.find(cpc: link.cpc),
                let invitation = try await session.scoped(to: instance.id).surveyInvitations.find(id: link.invitation)
            else { return nil }
            return (instance, invitation, try await session.scoped(to: instance.id).surveyTexts.texts(for: invitation.language))
        }
        guard let found else { throw Self.refused }
        return found
    }

    private func answerLink(_ fields: (String) -> String?) -> SurveyLink? {
        SurveyLink.read(purpose: .answer, cpc: fields("cpc"), invitation: fields("i"), exp: fields("exp"))
    }

    func survey(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let link = answerLink { query.get($0) }
        let (instance, invitation, texts) = try await open(link, signature: query.get("sig"))
        guard let chosen = query.get("q1") else {
            let now = services.now(), id = instance.id
            try await services.store.write { try await $0.scoped(to: id).surveyInvitations.markOpened(invitation.id, at: now) }
            return page(instance, invitation, texts, link: link!, rating: nil, recorded: false)
        }
        guard let value = Int(chosen), let rating = try? Rating(value) else {
            throw PageError(.badRequest, title: "Choose a rating from 1 to 10", "This link's rating is not one from 1 to 10; choose one on the page.")
        }
        // A click after the form keeps what the form said; only the rating changes.
        try await record(invitation, of: instance, rating: rating, factors: invitation.answeredFactors, comment: invitation.answeredComment)
        return page(instance, invitation, texts, link: link!, rating: value, recorded: true)
    }

    func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        // No CSRF token: a customer has no session, and the link's signature, sent back with the form, is the
        // permission a forged form would lack.
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let form = FormFields(String(buffer: body))
        let link = answerLink { form[$0] }
        let (instance, invitation, texts) = try await open(link, signature: form["sig"])
        let comment = form["comment"].flatMap { PlainText.trimmed($0).isEmpty ? nil : $0 }
        let factors = form.all("factors").filter(texts.factors.contains)
        guard let value = form["q1"].flatMap({ Int($0) }), let rating = try? Rating(value) else {
            return page(instance, invitation, texts, link: link!, rating: nil, recorded: false, factors: factors, comment: comment,
                error: "Choose a rating from 1 to 10 before sending.", status: .unprocessableContent)
        }
        do {
            try await record(invitation, of: instance, rating: rating, factors: factors, comment: comment)
        } catch let error as DomainError {
            return page(instance, invitation, texts, link: link!, rating: value, recorded: false, factors: factors, comment: comment,
                error: error.message, status: .unprocessableContent)
        }
        return services.renderer.render(
            "survey-thanks", ["title": "Thank you", "instanceName": instance.name, "rating": "\(value)", "thankYou": texts.thankYou, "lang": texts.language])
    }

    private func record(_ invitation: SurveyInvitation, of instance: Instance, rating: Rating, factors: [String], comment: String?)
        async throws
    {
        let now = services.now()
        let id = instance.id
        let submission = try invitation.submission(rating: rating, factors: factors, comment: comment, at: now)
        // A re-survey's answer is its case's outcome, not a new response for the ticket.
        if !invitation.isResurvey {
            _ = try await services.store.storeResponse(submission, instance: instance.id, now: now)
        }
        try await services.store.write {
            try await $0.scoped(to: id).surveyInvitations.recordAnswer(invitation.id, rating: rating, factors: factors, comment: comment, at: now)
        }
    }

    private func page(
        _ instance: Instance, _ invitation: SurveyInvitation, _ texts: SurveyTexts, link: SurveyLink, rating: Int?, recorded: Bool,
        factors: [String] = [],
        comment: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var context: [String: Any] = [
            "title": texts.ratingQuestion, "instanceName": instance.name, "question": texts.ratingQuestion, "lang": texts.language,
            "ticket": invitation.ticketId, "hidden": services.signer.fields(link).map { ["name": $0.name, "value": $0.value] },
            "factorsQuestion": texts.factorsQuestion, "commentQuestion": texts.commentQuestion, "hasFactors": !texts.factors.isEmpty,
            "comment": comment ?? "", "maxComment": "\(SurveySubmission.maxCommentLength)",
            "factors": texts.factors.enumerated().map { index, label in
                ["id": "factor-\(index + 1)", "label": label, "checked": factors.contains(label)] as [String: Any]
            },
        ]
        if let rating {
            context["rating"] = "\(rating)"
            context["ratings"] = (1...10).map { ["value": String($0), "checked": $0 == rating] as [String: Any] }
            if recorded { context["recorded"] = true }
        } else if error == nil {
            context["choosing"] = true
            context["choose"] = (1...10).map { (value: Int) -> [String: String] in
                ["value": String(value), "url": services.signer.url(link, rating: value, baseURL: services.baseURL).absoluteString]
            }
        } else {
            context["ratings"] = (1...10).map { ["value": String($0), "checked": false] as [String: Any] }
        }
        if let error { context["error"] = error }
        return services.renderer.render("survey", context, status: status)
    }

    func unsubscribePage(_ request: Request, done: Bool) async throws -> Response {
        let query = request.uri.queryParameters
        let link = SurveyLink.read(purpose: .unsubscribe, cpc: query.get("cpc"), invitation: query.get("i"), exp: nil)
        let (instance, invitation, texts) = try await open(link, signature: query.get("sig"))
        return services.renderer.render(
            "survey-unsubscribe",
            ["title": "Unsubscribe", "instanceName": instance.name, "email": invitation.customerEmail, "action": request.uri.description,
             "done": done, "lang": texts.language])
    }

    func unsubscribe(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let link = SurveyLink.read(purpose: .unsubscribe, cpc: query.get("cpc"), invitation: query.get("i"), exp: nil)
        let (instance, invitation, _) = try await open(link, signature: query.get("sig"))
        let now = services.now(), id = instance.id
        try await services.store.write { try await $0.scoped(to: id).surveyInvitations.unsubscribe(invitation, at: now) }
        return try await unsubscribePage(request, done: true)
    }
}
