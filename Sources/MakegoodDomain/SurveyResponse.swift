public import Foundation

/// One customer's answer about one ticket, as submitted (before it is checked against the instance).
public struct SurveySubmission: Equatable, Sendable {
    public var ticketId: String?
    public var supportGroupCode: String?
    public var segmentCode: String?
    public var customerName: String?
    public var customerEmail: String?
    public var agent: String?
    public var rating: Rating
    /// Q2: the short labels the customer chose.
    public var factors: [String]
    /// Q3: the verbatim, any Unicode, at most 10,000 characters.
    public var comment: String?
    public var receivedAt: Date

    public static let maxCommentLength = 10_000
    public static let maxFactors = 50
    public static let maxShortText = 500
    /// How far ahead of the server's clock a receipt time may be (clock skew between systems).
    public static let allowedClockSkew: TimeInterval = 300

    /// A response can't have been received in the future: that would put it in a window that hasn't run yet.
    public static func checkReceivedAt(_ receivedAt: Date, now: Date) throws(DomainError) {
        guard receivedAt <= now.addingTimeInterval(allowedClockSkew) else {
            throw DomainError(
                field: "receivedAt", "receivedAt is in the future (\(RFC3339.format(receivedAt))); leave it out to mean now")
        }
    }

    /// A submission read back from storage, already checked when it was written.
    public static func restored(
        ticketId: String?, supportGroupCode: String?, segmentCode: String?, customerName: String?, customerEmail: String?,
        agent: String?, rating: Int, factors: [String], comment: String?, receivedAt: Date
    ) -> SurveySubmission {
        SurveySubmission(
            stored: ticketId, supportGroupCode: supportGroupCode, segmentCode: segmentCode, customerName: customerName,
            customerEmail: customerEmail, agent: agent, rating: Rating(unchecked: rating), factors: factors, comment: comment,
            receivedAt: receivedAt)
    }

    private init(
        stored ticketId: String?, supportGroupCode: String?, segmentCode: String?, customerName: String?, customerEmail: String?,
        agent: String?, rating: Rating, factors: [String], comment: String?, receivedAt: Date
    ) {
        self.ticketId = ticketId
        self.supportGroupCode = supportGroupCode
        self.segmentCode = segmentCode
        self.customerName = customerName
        self.customerEmail = customerEmail
        self.agent = agent
        self.rating = rating
        self.factors = factors
        self.comment = comment
        self.receivedAt = receivedAt
    }

    /// Checks lengths; missing codes are not refused here — they make the response invalid, not lost.
    public init(
        ticketId: String?, supportGroupCode: String?, segmentCode: String?,
        customerName: String?, customerEmail: String?, agent: String?,
        rating: Rating, factors: [String], comment: String?, receivedAt: Date
    ) throws(DomainError) {
        // Characters are counted as JSON Schema counts them (code points), so the document and the server agree.
        if let comment, PlainText.isLonger(comment, than: Self.maxCommentLength) {
            throw DomainError(
                field: "comment",
                "comment is \(PlainText.length(comment)) characters; the verbatim may be at most 10,000 characters")
        }
        try PlainText.validate(comment, field: "comment")
        guard factors.count <= Self.maxFactors else {
            throw DomainError(field: "factors", "at most \(Self.maxFactors) factors; got \(factors.count)")
        }
        for (field, value) in [
            ("ticketId", ticketId), ("supportGroupCode", supportGroupCode), ("segmentCode", segmentCode),
            ("customer.name", customerName), ("customer.email", customerEmail), ("agent", agent),
        ] + factors.map({ ("factors", Optional($0)) }) {
            if let value, PlainText.isLonger(value, than: Self.maxShortText) {
                throw DomainError(field: field, "\(field) may be at most \(Self.maxShortText) characters")
            }
            try PlainText.validate(value, field: field)
        }
        func blankToNil(_ text: String?) -> String? {
            guard let text, case let trimmed = PlainText.trimmed(text), !trimmed.isEmpty else { return nil }
            return trimmed
        }
        self.ticketId = blankToNil(ticketId)
        self.supportGroupCode = blankToNil(supportGroupCode)
        self.segmentCode = blankToNil(segmentCode)
        self.customerName = blankToNil(customerName)
        self.customerEmail = blankToNil(customerEmail)
        self.agent = blankToNil(agent)
        self.rating = rating
        self.factors = factors.compactMap(blankToNil)
        self.comment = comment
        self.receivedAt = receivedAt
    }
}

/// Why a response is invalid: the field, and the value that is missing or unknown.
public struct ResponseProblem: Equatable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case missing, unknown
    }

    public let field: String
    public let code: Kind
    public let value: String?

    public init(field: String, code: Kind, value: String?) {
        self.field = field
        self.code = code
        self.value = value
    }

    /// A sentence for the admin fixing it.
    public var message: String {
        switch (field, code) {
        case ("ticketId", _): "the ticket id is missing; set ticketId"
        case ("supportGroupCode", .missing): "the Support Group Code is missing; set supportGroupCode"
        case ("supportGroupCode", .unknown):
            "Support Group Code \(value ?? "") is not a Support Group of this instance; create it or fix the code"
        case ("segmentCode", .missing): "the Segment Code is missing; set segmentCode"
        case ("segmentCode", .unknown):
            "Segment Code \(value ?? "") is not a Segment of this instance; create it or fix the code"
        default: "\(field) is \(code.rawValue)"
        }
    }
}

/// The rule of SPEC §1 for invalid responses.
public enum ResponseValidity {
    /// Every problem with a response's ticket id and codes, given the codes the instance knows.
    public static func problems(
        ticketId: String?, supportGroupCode: String?, segmentCode: String?,
        isKnownGroup: (String) -> Bool, isKnownSegment: (String) -> Bool
    ) -> [ResponseProblem] {
        var problems: [ResponseProblem] = []
        if ticketId == nil {
            problems.append(ResponseProblem(field: "ticketId", code: .missing, value: nil))
        }
        if let supportGroupCode {
            if !isKnownGroup(supportGroupCode) {
                problems.append(ResponseProblem(field: "supportGroupCode", code: .unknown, value: supportGroupCode))
            }
        } else {
            problems.append(ResponseProblem(field: "supportGroupCode", code: .missing, value: nil))
        }
        if let segmentCode {
            if !isKnownSegment(segmentCode) {
                problems.append(ResponseProblem(field: "segmentCode", code: .unknown, value: segmentCode))
            }
        } else {
            problems.append(ResponseProblem(field: "segmentCode", code: .missing, value: nil))
        }
        return problems
    }

    /// When a response became valid: kept if it already was, now if it just became so, nil while invalid.
    public static func validSince(wasValidSince: Date?, isValidNow: Bool, now: Date) -> Date? {
        guard isValidNow else { return nil }
        return wasValidSince ?? now
    }
}
