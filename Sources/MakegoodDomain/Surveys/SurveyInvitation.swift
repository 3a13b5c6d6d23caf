public import Foundation

/// A survey Makegood sends a customer about one solved ticket (issue 22): what a help desk's "ticket solved" trigger
/// posts, checked, and what became of it.
public struct SurveyInvitation: Equatable, Sendable {
    /// Why an invitation sends nothing.
    public enum Skip: String, Sendable {
        /// The address was sent a survey less than `quietDays` ago, for another ticket.
        case quietPeriod
        /// The address unsubscribed from this instance's surveys.
        case unsubscribed
        /// A re-survey's response has no email address (or no ticket) to survey.
        case noAddress
    }

    public let id: UUID
    public let ticketId: String
    public let supportGroupCode: String?
    public let segmentCode: String?
    public let customerName: String?
    public let customerEmail: String
    public let agent: String?
    public let language: String?
    /// When the email goes (now, or the `sendAt` the help desk asked for).
    public let sendAt: Date
    /// After this the survey's links are refused.
    public let expiresAt: Date
    /// Nil when the email was queued.
    public let skipped: Skip?
    public let createdAt: Date
    /// For a re-survey, the recovery case whose outcome it asks; nil for a ticket's first survey.
    public let caseID: UUID?

    public var isResurvey: Bool { caseID != nil }
    /// The factors and comment last sent from the survey page, which a later click on a rating keeps.
    public var answeredFactors: [String] = []
    public var answeredComment: String?

    /// The address as the quiet period and unsubscribing compare it: whatever case the customer typed it in.
    public var emailKey: String { Self.key(of: customerEmail) }

    public static func key(of email: String) -> String { email.lowercased() }

    public init(
        id: UUID, ticketId: String, supportGroupCode: String?, segmentCode: String?, customerName: String?, customerEmail: String,
        agent: String?, language: String?, sendAt: Date, expiresAt: Date, skipped: Skip?, createdAt: Date, caseID: UUID? = nil
    ) {
        self.caseID = caseID
        self.id = id
        self.ticketId = ticketId
        self.supportGroupCode = supportGroupCode
        self.segmentCode = segmentCode
        self.customerName = customerName
        self.customerEmail = customerEmail
        self.agent = agent
        self.language = language
        self.sendAt = sendAt
        self.expiresAt = expiresAt
        self.skipped = skipped
        self.createdAt = createdAt
    }

    /// The response a click on `rating` records: the ticket as the invitation named it, through the intake every
    /// response takes.
    public func submission(rating: Rating, factors: [String] = [], comment: String? = nil, at instant: Date) throws(DomainError)
        -> SurveySubmission
    {
        try SurveySubmission(
            ticketId: ticketId, supportGroupCode: supportGroupCode, segmentCode: segmentCode, customerName: customerName,
            customerEmail: customerEmail, agent: agent, rating: rating, factors: factors, comment: comment, receivedAt: instant)
    }
}

/// What a help desk asks for, checked: `POST /api/v1/survey-invitations`.
public struct SurveyInvitationRequest: Equatable, Sendable {
    public let ticketId: String
    public let supportGroupCode: String?
    public let segmentCode: String?
    public let customerName: String?
    public let customerEmail: String
    public let agent: String?
    public let language: String?
    public let sendAt: Date?
    /// Send the ticket's survey again instead of refusing a second invitation.
    public let resend: Bool

    /// How far ahead a survey may be scheduled.
    public static let maxDaysAhead = 90

    public init(
        ticketId: String?, supportGroupCode: String?, segmentCode: String?, customerName: String?, customerEmail: String?,
        agent: String?, language: String?, sendAt: Date?, resend: Bool, now: Date
    ) throws(DomainError) {
        // The same limits as a response's, since a click turns this into one.
        let checked = try SurveySubmission(
            ticketId: ticketId, supportGroupCode: supportGroupCode, segmentCode: segmentCode, customerName: customerName,
            customerEmail: customerEmail, agent: agent, rating: try Rating(10), factors: [], comment: nil, receivedAt: now)
        guard let ticket = checked.ticketId else {
            throw DomainError(field: "ticketId", "ticketId is required: the survey is about one ticket, and a second one for it is refused")
        }
        guard let email = checked.customerEmail else {
            throw DomainError(field: "customer.email", "customer.email is required: it is where the survey goes")
        }
        self.customerEmail = try EmailAddress.validate(email, field: "customer.email")
        if let language, !SurveyTexts.isLanguageTag(language) {
            throw DomainError(field: "language", "language must be a language tag such as en or pt-BR, at most 35 characters; got \(language)")
        }
        if let sendAt, sendAt > now.addingTimeInterval(TimeInterval(Self.maxDaysAhead) * 86_400) {
            throw DomainError(field: "sendAt", "sendAt may be at most \(Self.maxDaysAhead) days ahead; got \(RFC3339.format(sendAt))")
        }
        self.ticketId = ticket
        self.supportGroupCode = checked.supportGroupCode
        self.segmentCode = checked.segmentCode
        self.customerName = checked.customerName
        self.agent = checked.agent
        self.language = language
        self.sendAt = sendAt
        self.resend = resend
    }
}

/// Whether an address may be sent another survey: at most one every `quietDays` days (0 turns the rule off), and
/// never once it unsubscribed.
public enum SurveyQuietPeriod {
    /// Why the survey to send at `sendAt` is skipped, if it is: `others` are when the address's surveys of other
    /// tickets go or went, sent or scheduled; one closer than `quietDays` to `sendAt`, either side, skips it.
    public static func skip(sendAt: Date, others: [Date], unsubscribed: Bool, quietDays: Int) -> SurveyInvitation.Skip? {
        if unsubscribed { return .unsubscribed }
        guard quietDays > 0 else { return nil }
        let quiet = TimeInterval(quietDays) * 86_400
        return others.contains { abs(sendAt.timeIntervalSince($0)) < quiet } ? .quietPeriod : nil
    }
}

/// The survey page's questions after the rating (issue 22). Until an instance can set its own, every instance asks
/// about these factors.
public enum SurveyQuestions {
    public static let ratingQuestion = "How would you rate the support you received?"
    public static let factorsQuestion = "What made the difference? Choose any that apply."
    public static let commentQuestion = "Anything else you would like to tell us?"
    public static let defaultFactors = ["Speed", "Knowledge", "Communication", "Courtesy", "Outcome"]
}
