import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MakegoodStore
import NIOCore

/// A browser without JavaScript over the test client: it keeps cookies, reads forms' CSRF tokens, and posts forms.
final class PageClient: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// Puts a cookie in the jar as if a response had set it.
    func setCookie(_ name: String, _ value: String) {
        cookies[name] = value
    }

    /// Header fields sent with every request, such as a proxy's client address.
    var extraHeaders: HTTPFields = [:]

    init(client: any TestClientProtocol) {
        self.client = client
    }

    struct Page {
        let status: HTTPResponse.Status
        let html: String
        let headers: HTTPFields
        /// The body as sent, for files that are not text.
        let bytes: Data

        var location: String? { headers[.location] }

        /// The value of the first input with this name, whatever the order of its attributes.
        func input(_ name: String) -> String? {
            for tag in html.components(separatedBy: "<input").dropFirst() {
                let attributes = tag.prefix { $0 != ">" }
                guard attributes.contains("name=\"\(name)\"") else { continue }
                guard let range = attributes.range(of: "value=\"") else { return "" }
                let rest = attributes[range.upperBound...]
                return rest.firstIndex(of: "\"").map { Self.unescape(String(rest[..<$0])) }
            }
            return nil
        }

        /// Every `data-ticket` of the report's rows, in order.
        var tickets: [String] {
            html.components(separatedBy: "data-ticket=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
        }

        static func unescape(_ text: String) -> String {
            text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    func get(_ uri: String) async throws -> Page {
        try await send(uri, method: .get, body: nil)
    }

    /// Posts a form; `csrf` nil leaves the token out.
    func post(_ uri: String, fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body)
    }

    /// Logs in through the form; returns the answer to the POST.
    func login(cpc: String, email: String, password: String) async throws -> Page {
        let form = try await get("/login?cpc=\(cpc)")
        return try await post(
            "/login", fields: [("csrf", form.input("csrf") ?? ""), ("cpc", cpc), ("email", email), ("password", password), ("next", "")])
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers = extraHeaders
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            if Self.expired(value) {
                cookies[String(pair[0])] = nil
            } else {
                cookies[String(pair[0])] = String(pair[1])
            }
        }
        return Page(
            status: response.status, html: String(buffer: response.body), headers: response.headers,
            bytes: Data(response.body.readableBytesView))
    }

    /// Whether a Set-Cookie header removes its cookie (an expiry in the past, as a logout sends).
    static func expired(_ header: String) -> Bool {
        guard let range = header.range(of: "Expires=") else { return header.contains("Max-Age=0") }
        let text = header[range.upperBound...].split(separator: ";")[0]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: String(text)) else { return false }
        return date <= Date().addingTimeInterval(1)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
