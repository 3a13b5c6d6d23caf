import Foundation
import HTTPTypes
import MakegoodStore
import MakegoodTestSupport
import Testing

/// Portal › Survey texts behind the real router (issue 22), on SQLite and PostgreSQL: an admin adds French; an
/// invitation in fr-CA is asked in French by email and on the page; a bad text is refused and kept.
@Suite struct SurveyTextsPageTests {
    @Test("an admin's French texts reach the email and the page of an invitation in fr-CA", arguments: TestDatabase.allCases)
    func french(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            _ = try await api.structure()
            let admin = try await SurveyResponsesReportPageTests.admin(api)
            let page = try await admin.get("/portal/survey?cpc=alpha")
            #expect(page.status == .ok && page.html.contains(">en</h2>") && page.html.contains("How would you rate the support you received?"))
            let csrf = ("csrf", page.input("csrf") ?? "")
            let fields = [csrf, ("cpc", "alpha"), ("language", "fr"), ("ratingQuestion", "Comment évaluez-vous <l'aide> ?"),
                          ("factorsQuestion", "Qu'est-ce qui a compté ?"), ("factors", "Rapidité\r\nCompétence"),
                          ("commentQuestion", "Autre chose ?"), ("thankYou", "Merci beaucoup.")]
            #expect(try await admin.post("/portal/survey", fields: fields).status == .seeOther)
            let bad = try await admin.post("/portal/survey", fields: fields.map { $0.0 == "thankYou" ? ("thankYou", " ") : $0 })
            #expect(bad.status == .unprocessableContent && bad.html.contains("1 to 500 characters") && bad.html.contains("Rapidité"))
            #expect(try await admin.get("/portal/survey?cpc=alpha").html.contains("Comment évaluez-vous &lt;l&#39;aide&gt; ?"))

            let invited = try await api.call(.post, "/survey-invitations", body: ["ticketId": "F-1", "language": "fr-CA", "customer": ["email": "f@example.com"]])
            let text = try #require(invited.object["url"] as? String)
            let url = try #require(URL(string: text))
            let survey = try await PageClient(client: api.client).get(url.path + "?" + (url.query ?? "") + "&q1=8")
            #expect(survey.status == .ok && survey.html.contains("<html lang=\"fr\">") && survey.html.contains("Rapidité"))
            #expect(survey.html.contains("Comment évaluez-vous &lt;l&#39;aide&gt; ?") && !survey.html.contains("Speed"))
            let claimed = try await api.store.write { try await $0.outbox.claimDue(now: APIHarness.now, limit: 10, lease: 60) }
            let email = try #require(claimed.first)
            #expect(email.subject == "Comment évaluez-vous <l'aide> ?")
            // Another instance keeps its English.
            let other = try await api.call(.post, "/survey-invitations", as: api.b, body: ["ticketId": "F-1", "language": "fr", "customer": ["email": "f@example.com"]])
            #expect(other.status == .created)
            let theirs = try await api.store.write { try await $0.outbox.claimDue(now: APIHarness.now, limit: 10, lease: 60) }
            #expect(theirs.map(\.subject) == ["How would you rate the support you received?"])
        }
    }
}
