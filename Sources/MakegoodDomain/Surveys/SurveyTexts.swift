import Foundation

/// What a survey says, in one language (issue 22): the three questions, the experience factors offered, and the
/// thank-you. An instance keeps English (its own, or these defaults) and any language an admin adds; an invitation's
/// `language` picks one.
public struct SurveyTexts: Equatable, Sendable {
    /// A language tag such as en or pt-BR, kept as written; compared without case.
    public let language: String
    public let ratingQuestion: String
    public let factorsQuestion: String
    public let commentQuestion: String
    public let thankYou: String
    /// The factors offered, in order, as the customer sees and the response keeps them.
    public let factors: [String]

    public static let maxText = 500
    public static let maxFactors = 20
    public static let maxFactor = 60

    public static let english = SurveyTexts(
        unchecked: "en", ratingQuestion: SurveyQuestions.ratingQuestion, factorsQuestion: SurveyQuestions.factorsQuestion,
        commentQuestion: SurveyQuestions.commentQuestion, thankYou: "Thank you. We read every answer.",
        factors: SurveyQuestions.defaultFactors)

    public init(
        language: String, ratingQuestion: String, factorsQuestion: String, commentQuestion: String, thankYou: String, factors: [String]
    ) throws(DomainError) {
        guard Self.isLanguageTag(language) else {
            throw DomainError(field: "language", "the language must be a tag such as fr or pt-BR; got \(language)")
        }
        for (field, text) in [("ratingQuestion", ratingQuestion), ("factorsQuestion", factorsQuestion),
                              ("commentQuestion", commentQuestion), ("thankYou", thankYou)] {
            let trimmed = PlainText.trimmed(text)
            guard !trimmed.isEmpty, !PlainText.isLonger(trimmed, than: Self.maxText) else {
                throw DomainError(field: field, "each text must be 1 to \(Self.maxText) characters")
            }
            try PlainText.validate(trimmed, field: field)
        }
        let labels = factors.map(PlainText.trimmed).filter { !$0.isEmpty }
        guard labels.count <= Self.maxFactors else {
            throw DomainError(field: "factors", "at most \(Self.maxFactors) factors; got \(labels.count)")
        }
        for label in labels {
            guard !PlainText.isLonger(label, than: Self.maxFactor) else {
                throw DomainError(field: "factors", "a factor may be at most \(Self.maxFactor) characters: \(label)")
            }
            try PlainText.validate(label, field: "factors")
        }
        guard Set(labels.map { $0.lowercased() }).count == labels.count else {
            throw DomainError(field: "factors", "each factor may be listed once")
        }
        self.init(
            unchecked: language, ratingQuestion: PlainText.trimmed(ratingQuestion), factorsQuestion: PlainText.trimmed(factorsQuestion),
            commentQuestion: PlainText.trimmed(commentQuestion), thankYou: PlainText.trimmed(thankYou), factors: labels)
    }

    /// Texts read back from storage, checked when they were saved.
    public init(
        unchecked language: String, ratingQuestion: String, factorsQuestion: String, commentQuestion: String, thankYou: String,
        factors: [String]
    ) {
        self.language = language
        self.ratingQuestion = ratingQuestion
        self.factorsQuestion = factorsQuestion
        self.commentQuestion = commentQuestion
        self.thankYou = thankYou
        self.factors = factors
    }

    /// A language tag as openapi.yaml's `language` reads one: en, pt-BR, zh-Hant-TW; at most 35 characters.
    public static func isLanguageTag(_ text: String) -> Bool {
        text.count <= 35 && text.range(of: #"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"#, options: .regularExpression) != nil
    }

    /// The texts for `language` among an instance's: the same tag, else its first part (pt-BR → pt), else English
    /// (the instance's own, else the defaults).
    public static func pick(_ language: String?, from texts: [SurveyTexts]) -> SurveyTexts {
        func find(_ tag: String) -> SurveyTexts? { texts.first { $0.language.lowercased() == tag.lowercased() } }
        if let language {
            if let exact = find(language) { return exact }
            if let primary = language.split(separator: "-").first, let found = find(String(primary)) { return found }
        }
        return find("en") ?? english
    }
}
