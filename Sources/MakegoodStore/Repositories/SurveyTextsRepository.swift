public import Foundation
public import MakegoodDomain
import SQLKit

/// What one instance's surveys say, per language (issue 22); an instance with none asks the built-in English.
public struct SurveyTextsRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// Every language the instance set, English first, then by tag.
    public func list() async throws -> [SurveyTexts] {
        let rows = try await sql.raw("SELECT * FROM survey_texts WHERE instance_id = \(bind: scope.key) ORDER BY language_key").all()
        let texts = try rows.map(Self.decode)
        return texts.filter { $0.language.lowercased() == "en" } + texts.filter { $0.language.lowercased() != "en" }
    }

    static func decode(_ row: any SQLRow) throws -> SurveyTexts {
        let factors = try row.decode(column: "factors", as: String.self)
        return SurveyTexts(
            unchecked: try row.decode(column: "language", as: String.self),
            ratingQuestion: try row.decode(column: "rating_question", as: String.self),
            factorsQuestion: try row.decode(column: "factors_question", as: String.self),
            commentQuestion: try row.decode(column: "comment_question", as: String.self),
            thankYou: try row.decode(column: "thank_you", as: String.self),
            factors: try JSONDecoder().decode([String].self, from: Data(factors.utf8)))
    }

    /// The texts for `language`, as `SurveyTexts.pick` chooses them.
    public func texts(for language: String?) async throws -> SurveyTexts {
        SurveyTexts.pick(language, from: try await list())
    }

    /// Saves one language's texts, replacing what it had.
    public func put(_ texts: SurveyTexts, now: Date) async throws {
        let factors = String(decoding: try JSONEncoder().encode(texts.factors), as: UTF8.self)
        try await sql.raw(
            """
            INSERT INTO survey_texts (instance_id, language_key, language, rating_question, factors_question, comment_question,
                thank_you, factors, updated_at)
            VALUES (\(bind: scope.key), \(bind: texts.language.lowercased()), \(bind: texts.language), \(bind: texts.ratingQuestion),
                \(bind: texts.factorsQuestion), \(bind: texts.commentQuestion), \(bind: texts.thankYou), \(bind: factors),
                \(bind: Instant.milliseconds(now)))
            ON CONFLICT (instance_id, language_key) DO UPDATE SET language = EXCLUDED.language,
                rating_question = EXCLUDED.rating_question, factors_question = EXCLUDED.factors_question,
                comment_question = EXCLUDED.comment_question, thank_you = EXCLUDED.thank_you, factors = EXCLUDED.factors,
                updated_at = EXCLUDED.updated_at
            """
        ).run()
    }

    /// Removes a language; its invitations are then asked in English.
    public func remove(_ language: String) async throws {
        try await sql.raw(
            "DELETE FROM survey_texts WHERE instance_id = \(bind: scope.key) AND language_key = \(bind: language.lowercased())"
        ).run()
    }
}
