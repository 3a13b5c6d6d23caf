public import Foundation
public import Hummingbird
public import Logging
public import MakegoodStore
import OpenAPIHummingbird
public import Prometheus

/// What the pages need besides the store: where they are served, and the key for links, sessions and forms.
public struct SiteSettings: Sendable {
    public var baseURL: URL
    public var secret: String

    public init(baseURL: URL, secret: String) {
        self.baseURL = baseURL
        self.secret = secret
    }

    /// Cookies are marked Secure when the site is served over https.
    var secureCookies: Bool { baseURL.scheme == "https" }
}

/// Builds the router: the JSON API under `/api/v1`, the pages, and the operations routes. `fastIntake: false` leaves
/// survey responses to the generated route alone (SurveyIntakeRoute), for the tests that compare the two.
public func buildRouter(
    store: Store, site: SiteSettings, registry: PrometheusCollectorRegistry? = nil,
    now: @escaping @Sendable () -> Date = Date.init, fastIntake: Bool = true
) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestLogMiddleware(level: .debug))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: APIErrorMiddleware())
    router.add(middleware: APIBodyLimitMiddleware())
    router.add(middleware: APIAuthMiddleware(verifier: APITokenVerifier(store: store)))
    let api = MakegoodAPI(store: store, now: now)
    if fastIntake { router.add(middleware: SurveyIntakeRoute(api: api)) }
    OperationsController(store: store, registry: registry, openAPIDocument: try OperationsController<AppRequestContext>.loadOpenAPIDocument())
        .addRoutes(to: router)
    try api.registerHandlers(on: router, serverURL: Servers.Server1.url(), configuration: .makegood)
    try addPages(to: router, store: store, site: site, now: now)
    return router
}

/// Builds the server application on an open store; `onServerRunning` is called once it accepts connections.
public func buildApplication(
    configuration: AppConfiguration, secret: String, store: Store, registry: PrometheusCollectorRegistry? = nil, logger: Logger,
    onServerRunning: @escaping @Sendable () async -> Void = {}
) throws -> some ApplicationProtocol {
    let router = try buildRouter(
        store: store, site: SiteSettings(baseURL: configuration.baseURL, secret: secret), registry: registry)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: "makegood"),
        onServerRunning: { _ in await onServerRunning() },
        logger: logger)
}
