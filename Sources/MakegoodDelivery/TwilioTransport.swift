public import AsyncHTTPClient
public import Foundation
public import MakegoodStore
import NIOCore
import NIOHTTP1

/// Sends SMS through Twilio's Messages resource, or any endpoint that speaks it:
/// `POST {base}/2010-04-01/Accounts/{account}/Messages.json`, HTTP Basic, form fields To, From, Body.
public struct TwilioTransport: Transport {
    public struct Configuration: Sendable {
        public var baseURL: URL
        public var account: String
        public var token: String
        public var from: String

        public init(baseURL: URL = URL(string: "https://api.twilio.com")!, account: String, token: String, from: String) {
            self.baseURL = baseURL
            self.account = account
            self.token = token
            self.from = from
        }
    }

    let configuration: Configuration
    let client: HTTPClient

    public init(configuration: Configuration, client: HTTPClient = .shared) {
        self.configuration = configuration
        self.client = client
    }

    public func send(_ delivery: Delivery) async throws {
        let account = configuration.account.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? configuration.account
        let url = configuration.baseURL.absoluteString.trimmingSuffix("/") + "/2010-04-01/Accounts/\(account)/Messages.json"
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        let credentials = Data("\(configuration.account):\(configuration.token)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        // A retry after a lost answer must not send twice; providers that honour this header deduplicate.
        request.headers.add(name: "I-Twilio-Idempotency-Token", value: delivery.id)
        request.body = .bytes(ByteBuffer(string: Self.form(["To": delivery.address, "From": configuration.from, "Body": delivery.body])))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(30))
        } catch {
            throw DeliveryError("SMS provider unreachable: \(error)", permanent: false)
        }
        let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
        switch response.status.code {
        case 200..<300: return
        case 429, 500...: throw DeliveryError("SMS provider answered \(response.status.code): \(body.prefix(300))", permanent: false)
        default: throw DeliveryError("SMS provider refused the message (\(response.status.code)): \(body.prefix(300))", permanent: true)
        }
    }

    /// `application/x-www-form-urlencoded`, with `+` for spaces as HTML forms do.
    static func form(_ fields: KeyValuePairs<String, String>) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._* ")
        return fields.map { key, value in
            let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: " ", with: "+")
            return "\(key)=\(encoded)"
        }.joined(separator: "&")
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
