import MakegoodDomain
import Testing

/// What a survey says, per language (issue 22): the checks, and which language an invitation's tag picks.
@Suite struct SurveyTextsTests {
    static func texts(_ language: String, factors: [String] = ["Vitesse"]) throws -> SurveyTexts {
        try SurveyTexts(
            language: language, ratingQuestion: " Comment évaluez-vous l'aide reçue ? ", factorsQuestion: "Qu'est-ce qui a compté ?",
            commentQuestion: "Autre chose ?", thankYou: "Merci.", factors: factors + [" ", ""])
    }

    @Test("the tag, then its first part, then the instance's English, then the built-in English", arguments: [
        ("fr", "fr"), ("FR", "fr"), ("pt-BR", "pt-BR"), ("pt-PT", "pt"), ("de", "en"), (nil as String?, "en"),
    ])
    func pick(language: String?, picked: String) throws {
        let set = [try Self.texts("fr"), try Self.texts("pt"), try Self.texts("pt-BR"), try Self.texts("en")]
        #expect(SurveyTexts.pick(language, from: set).language == picked)
        #expect(SurveyTexts.pick(language, from: []) == SurveyTexts.english)
    }

    @Test func checksAndTrims() throws {
        let fr = try Self.texts("fr")
        #expect(fr.ratingQuestion == "Comment évaluez-vous l'aide reçue ?" && fr.factors == ["Vitesse"])
        #expect(throws: DomainError.self) { try Self.texts("français") }
        #expect(throws: DomainError.self) { try Self.texts("fr", factors: ["Vitesse", "vitesse"]) }
        #expect(throws: DomainError.self) { try Self.texts("fr", factors: (1...21).map { "F\($0)" }) }
        #expect(throws: DomainError.self) { try Self.texts("fr", factors: [String(repeating: "x", count: 61)]) }
        #expect(throws: DomainError.self) {
            try SurveyTexts(language: "fr", ratingQuestion: "  ", factorsQuestion: "q", commentQuestion: "q", thankYou: "t", factors: [])
        }
    }
}
