import Foundation
import Hummingbird

/// The stylesheet, read once at start-up and served from memory.
struct StaticAssets: Sendable {
    let stylesheet: ByteBuffer

    static let stylesheetPath = "/static/makegood.css"

    static func load() throws -> StaticAssets {
        guard let url = Bundle.module.url(forResource: "makegood", withExtension: "css", subdirectory: "Public") else {
            throw ConfigurationError("makegood.css is missing from the server's resources")
        }
        return StaticAssets(stylesheet: ByteBuffer(bytes: try Data(contentsOf: url)))
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let stylesheet = stylesheet
        router.get(RouterPath(Self.stylesheetPath)) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: stylesheet))
        }
    }
}
