public import Foundation

/// What a survey email's link lets a customer do without a login: answer the survey of one invitation until it
/// expires, or unsubscribe its address from the instance's surveys (always: RFC 8058's one-click unsubscribe must
/// keep working). The rating is a parameter of the link, not part of what is signed: whoever holds the link may
/// choose any rating, and change it until the link expires.
public struct SurveyLink: Equatable, Sendable {
    public enum Purpose: String, Sendable {
        case answer, unsubscribe
    }

    public var cpc: String
    public var invitation: UUID
    public var purpose: Purpose
    /// Nil for unsubscribing.
    public var expires: Date?

    public init(cpc: String, invitation: UUID, purpose: Purpose, expires: Date?) {
        self.cpc = cpc
        self.invitation = invitation
        self.purpose = purpose
        self.expires = expires
    }

    public static let answerPath = "survey"
    public static let unsubscribePath = "survey/unsubscribe"

    var canonical: String {
        let fields = [cpc, invitation.storageKey, purpose.rawValue, expires.map { String(Int64($0.timeIntervalSince1970)) } ?? ""]
        return "makegood-survey-v1|" + fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
    }

    /// The link's query items: the grant, `exp` for an answer's link, `sig`, and `q1` when a rating is chosen.
    func queryItems(signature: String, rating: Int?) -> [URLQueryItem] {
        var items = [URLQueryItem(name: "cpc", value: cpc), URLQueryItem(name: "i", value: invitation.storageKey)]
        if let expires { items.append(URLQueryItem(name: "exp", value: String(Int64(expires.timeIntervalSince1970)))) }
        items.append(URLQueryItem(name: "sig", value: signature))
        if let rating { items.append(URLQueryItem(name: "q1", value: String(rating))) }
        return items
    }

    /// Reads a link's grant back from its query (`cpc`, `i`, `exp`), for `purpose`; nil when a part is missing or
    /// malformed.
    public static func read(purpose: Purpose, cpc: String?, invitation: String?, exp: String?) -> SurveyLink? {
        guard let cpc, !cpc.isEmpty, let invitation, let id = UUID(uuidString: invitation) else { return nil }
        switch purpose {
        case .answer:
            guard let expires = LinkGrant.expiry(exp) else { return nil }
            return SurveyLink(cpc: cpc, invitation: id, purpose: .answer, expires: expires)
        case .unsubscribe:
            return SurveyLink(cpc: cpc, invitation: id, purpose: .unsubscribe, expires: nil)
        }
    }
}

extension LinkSigner {
    /// An absolute URL of a survey link on `baseURL`, choosing `rating` when given.
    public func url(_ link: SurveyLink, rating: Int? = nil, baseURL: URL) -> URL {
        let path = link.purpose == .answer ? SurveyLink.answerPath : SurveyLink.unsubscribePath
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        components.queryItems = link.queryItems(signature: sign(canonical: link.canonical), rating: rating)
        return components.url!
    }

    /// The hidden fields a survey page's form sends back: the link's grant and signature.
    public func fields(_ link: SurveyLink) -> [(name: String, value: String)] {
        link.queryItems(signature: sign(canonical: link.canonical), rating: nil).map { ($0.name, $0.value ?? "") }
    }

    /// Checks a survey link read back from a request against its signature, in constant time, and its expiry.
    public func verify(_ link: SurveyLink, signature: String, now: Date) throws(Refusal) {
        guard isValid(signature, for: link.canonical) else { throw .badSignature }
        if let expires = link.expires, expires <= now { throw .expired }
    }
}
