public import Foundation

/// A Service Recovery Note as written, before it is stored; notes are never edited or deleted.
public struct NoteDraft: Equatable, Sendable {
    /// Who wrote it; mandatory, not otherwise validated.
    public let author: String
    public let spokeToCustomer: Bool
    public let text: String
    public let createdAt: Date
    /// The signed link it is written through; nil when someone logged in (or an API client) writes it.
    public var link: NoteLink?

    public static let maxAuthorLength = 200
    public static let maxTextLength = 10_000

    public init(author typedAuthor: String, spokeToCustomer: Bool, text: String, createdAt: Date) throws(DomainError) {
        // Lengths as sent, as openapi.yaml's maxLength counts them; the name is kept trimmed.
        guard !PlainText.isLonger(typedAuthor, than: Self.maxAuthorLength) else {
            throw DomainError(field: "author", "the name may be at most 200 characters")
        }
        let author = PlainText.trimmed(typedAuthor)
        guard !author.isEmpty else {
            throw DomainError(field: "author", "Your name is required: say who spoke to the customer")
        }
        try PlainText.validate(author, field: "author")
        try PlainText.validate(text, field: "text")
        guard !PlainText.isLonger(author, than: Self.maxAuthorLength) else {
            throw DomainError(field: "author", "the name may be at most 200 characters")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DomainError(field: "text", "the notes are empty; write what was done")
        }
        guard PlainText.length(text) <= Self.maxTextLength else {
            throw DomainError(field: "text", "notes may be at most 10,000 characters; got \(PlainText.length(text))")
        }
        self.author = author
        self.spokeToCustomer = spokeToCustomer
        self.text = text
        self.createdAt = createdAt
    }
}
