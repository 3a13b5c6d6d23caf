import Crypto
public import Foundation

/// What a report link opens without a login: the instance, the responses it names, and, for a report
/// title's link, the recipient it was sent to. Signed with HMAC-SHA256 and valid until `expires`.
public struct LinkGrant: Equatable, Sendable {
    public var cpc: String
    /// Support Group Code (`rgid`).
    public var rgid: String?
    /// Local date received, `yyyy-mm-dd`.
    public var date: String?
    /// Ticket id (`tid`).
    public var tid: String?
    /// The contact a report was sent to, for the title's pencil link.
    public var recipient: String?
    public var expires: Date

    public init(cpc: String, rgid: String? = nil, date: String? = nil, tid: String? = nil, recipient: String? = nil, expires: Date) {
        self.cpc = cpc
        self.rgid = rgid
        self.date = date
        self.tid = tid
        self.recipient = recipient
        self.expires = expires
    }

    /// A link's `exp` (Unix seconds) as an instant, nil when it is not one a link could carry: a value far outside
    /// the years links live in would not survive the round trip through `Date` and back to whole seconds.
    public static func expiry(_ text: String?) -> Date? {
        guard let text, let seconds = Int64(text), (0...253_402_300_799).contains(seconds) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Default lifetime of a report link.
    public static let lifetime: TimeInterval = 30 * 86_400

    /// Every field, unambiguously joined: lengths first, so no value can pose as another field.
    var canonical: String {
        let fields = [cpc, rgid ?? "", date ?? "", tid ?? "", recipient ?? "", String(Int64(expires.timeIntervalSince1970))]
        return "makegood-link-v1|" + fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
    }

    /// The query items of a link: the grant, `exp` and `sig`.
    public func queryItems(signature: String) -> [URLQueryItem] {
        var items = [URLQueryItem(name: "cpc", value: cpc)]
        if let rgid { items.append(URLQueryItem(name: "rgid", value: rgid)) }
        if let date { items.append(URLQueryItem(name: "date", value: date)) }
        if let tid { items.append(URLQueryItem(name: "tid", value: tid)) }
        if let recipient { items.append(URLQueryItem(name: "r", value: recipient)) }
        items.append(URLQueryItem(name: "exp", value: String(Int64(expires.timeIntervalSince1970))))
        items.append(URLQueryItem(name: "sig", value: signature))
        return items
    }
}

/// Signs and verifies link grants with the server's secret.
public struct LinkSigner: Sendable {
    private let keyBytes: Data

    public init(secret: String) {
        keyBytes = Data(SHA256.hash(data: Data(("makegood links|" + secret).utf8)))
    }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// The signature of a grant, URL-safe base64.
    public func sign(_ grant: LinkGrant) -> String {
        sign(canonical: grant.canonical)
    }

    /// The signature of a grant's canonical text; each kind of grant starts its own with its own name and version.
    func sign(canonical: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(canonical.utf8), using: key)).base64URLEncoded
    }

    /// Whether `signature` is a grant's, compared in constant time.
    func isValid(_ signature: String, for canonical: String) -> Bool {
        guard let mac = Data(base64URLEncoded: signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(canonical.utf8), using: key)
    }

    /// An absolute URL for a grant on `path` of `baseURL`.
    public func url(_ grant: LinkGrant, path: String, baseURL: URL) -> URL {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        components.queryItems = grant.queryItems(signature: sign(grant))
        return components.url!
    }

    /// Why a link is refused.
    public enum Refusal: Error, Equatable, Sendable {
        case badSignature, expired
    }

    /// Checks a grant read back from a link against its signature, in constant time, and its expiry.
    public func verify(_ grant: LinkGrant, signature: String, now: Date) throws(Refusal) {
        guard isValid(signature, for: grant.canonical) else { throw .badSignature }
        guard grant.expires > now else { throw .expired }
    }
}

extension Data {
    /// Base64 with `-` and `_`, no padding.
    /// One pass over the bytes: every alert link is signed with it, thousands a run.
    public var base64URLEncoded: String {
        let bytes = base64EncodedData().compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            case UInt8(ascii: "="): nil
            default: byte
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
