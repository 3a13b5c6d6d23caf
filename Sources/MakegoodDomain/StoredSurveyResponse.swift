public import Foundation

/// A survey response as the instance holds it: the submission, its validity, history and notes summary.
public struct SurveyResponse: Equatable, Sendable, Identifiable {
    public let id: UUID
    public var submission: SurveySubmission
    /// Empty when the response is valid.
    public var problems: [ResponseProblem]
    /// The moment it became valid; nil while invalid.
    public var validSince: Date?
    /// The response this one replaced (same ticket id).
    public var replaces: UUID?
    public var reassignments: [Reassignment]
    public var notes: NoteSummary
    /// When a daily run alerted it, if one has.
    public var alertedAt: Date?

    public init(
        id: UUID, submission: SurveySubmission, problems: [ResponseProblem], validSince: Date?, replaces: UUID?,
        reassignments: [Reassignment], notes: NoteSummary, alertedAt: Date?
    ) {
        self.id = id
        self.submission = submission
        self.problems = problems
        self.validSince = validSince
        self.replaces = replaces
        self.reassignments = reassignments
        self.notes = notes
        self.alertedAt = alertedAt
    }

    public var isValid: Bool { problems.isEmpty }

    /// Needs recovery under the threshold in force now.
    public func needsRecovery(threshold: Int) -> Bool {
        RecoveryRule.needsRecovery(rating: submission.rating.value, threshold: threshold)
    }
}

/// How many notes a response has, how many say the customer was spoken to, and the latest one's time.
public struct NoteSummary: Equatable, Sendable {
    public var count: Int
    public var spokenCount: Int
    public var latestAt: Date?
    /// The latest note's author and text, when they were asked for (the dashboard appends them to the comments).
    public var latestAuthor: String?
    public var latestText: String?

    public init(count: Int, spokenCount: Int, latestAt: Date?) {
        self.count = count
        self.spokenCount = spokenCount
        self.latestAt = latestAt
    }

    public static let empty = NoteSummary(count: 0, spokenCount: 0, latestAt: nil)
}

/// An admin moving a response to another Support Group.
public struct Reassignment: Equatable, Sendable {
    public let from: String?
    public let to: String
    /// Who did it: a user's email or an API token's name.
    public let by: String
    public let at: Date

    public init(from: String?, to: String, by: String, at: Date) {
        self.from = from
        self.to = to
        self.by = by
        self.at = at
    }
}

/// A Service Recovery Note as stored.
public struct Note: Equatable, Sendable, Identifiable {
    public let id: UUID
    public let responseId: UUID
    public let author: String
    public let spokeToCustomer: Bool
    public let text: String
    public let createdAt: Date
    /// The signed link it was written through, if it was.
    public let link: NoteLink?

    public init(
        id: UUID, responseId: UUID, author: String, spokeToCustomer: Bool, text: String, createdAt: Date, link: NoteLink? = nil
    ) {
        self.id = id
        self.responseId = responseId
        self.author = author
        self.spokeToCustomer = spokeToCustomer
        self.text = text
        self.createdAt = createdAt
        self.link = link
    }
}
