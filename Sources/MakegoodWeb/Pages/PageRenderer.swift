import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the pages from the Mustache templates in the app's resources. `{{name}}` escapes for HTML; the
/// templates never use the unescaped forms (a test checks), so customer text can't become markup.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Reads every template once, at start-up, so a missing or broken one stops the server from starting.
    static func load() throws -> PageRenderer {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Templates") else {
            throw ConfigurationError("the page templates are missing from the server's resources")
        }
        var templates: [String: MustacheTemplate] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            templates[String(file.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
        }
        return PageRenderer(library: MustacheLibrary(templates: templates))
    }

    /// An HTML response; pages are never cached (they show live notes) and carry a policy that allows no script.
    func render(_ template: String, _ context: Any, status: HTTPResponse.Status = .ok, cookies: [Cookie] = []) -> Response {
        guard let html = library.render(context, withTemplate: template) else {
            preconditionFailure("no page template named \(template)")
        }
        var headers = Self.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        for cookie in cookies {
            headers.append(HTTPField(name: .setCookie, value: cookie.description))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// Sent with every page: no scripts at all, no framing, and no Referer, so a signed link in the address bar
    /// never travels to a ticketing system the page links to.
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        .cacheControl: "no-store",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
    ]

    /// A redirect after a form (303, so the browser follows with a GET).
    static func redirect(to location: String, cookies: [Cookie] = []) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        for cookie in cookies {
            headers.append(HTTPField(name: .setCookie, value: cookie.description))
        }
        return Response(status: .seeOther, headers: headers)
    }
}
