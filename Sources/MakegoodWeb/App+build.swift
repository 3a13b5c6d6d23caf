public import Foundation
public import Hummingbird
public import Logging
import MakegoodAlerts
public import MakegoodStore
import OpenAPIHummingbird
public import Prometheus

/// What the pages need besides the store: where they are served, and the key for links, sessions and forms.
public struct SiteSettings: Sendable {
    public var baseURL: URL
    public var secret: String
    /// `MAKEGOOD_CLIENT_ADDRESS_HEADER`: the header a reverse proxy puts the client's address in (its last entry is
    /// taken); nil means the address of the connection itself.
    public var clientAddressHeader: String?
    /// `MAKEGOOD_METRICS_TOKEN`: when set, `/metrics` answers only `Authorization: Bearer <token>`.
    public var metricsToken: String?

    public init(baseURL: URL, secret: String, clientAddressHeader: String? = nil, metricsToken: String? = nil) {
        self.baseURL = baseURL
        self.secret = secret
        self.clientAddressHeader = clientAddressHeader
        self.metricsToken = metricsToken
    }

    /// Cookies are marked Secure, and browsers told to keep to https, when the site is served over https.
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
    if site.secureCookies { router.add(middleware: StrictTransportSecurityMiddleware()) }
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: APIErrorMiddleware())
    let apiRoutes = APIRouteTable()
    router.add(middleware: APIMethodNotAllowedMiddleware(routes: apiRoutes))
    router.add(middleware: APIBodyLimitMiddleware())
    router.add(middleware: APIAuthMiddleware(verifier: APITokenVerifier(store: store)))
    let links = AlertRun.Links(baseURL: site.baseURL, signer: LinkSigner(secret: site.secret))
    let api = MakegoodAPI(store: store, now: now, inviter: SurveyInviter(store: store, links: links))
    if fastIntake { router.add(middleware: SurveyIntakeRoute(api: api)) }
    OperationsController(
        store: store, registry: registry, metricsToken: site.metricsToken,
        openAPIDocument: try OperationsController<AppRequestContext>.loadOpenAPIDocument()
    ).addRoutes(to: router)
    try api.registerHandlers(on: apiRoutes.recording(on: router), serverURL: Servers.Server1.url(), configuration: .makegood)
    try addPages(to: router, store: store, site: site, now: now)
    return router
}

/// Builds the server application on an open store; `onServerRunning` is called once it accepts connections.
public func buildApplication(
    configuration: AppConfiguration, secret: String, store: Store, registry: PrometheusCollectorRegistry? = nil, logger: Logger,
    onServerRunning: @escaping @Sendable () async -> Void = {}
) throws -> some ApplicationProtocol {
    let site = SiteSettings(
        baseURL: configuration.baseURL, secret: secret, clientAddressHeader: configuration.clientAddressHeader,
        metricsToken: configuration.metricsToken)
    let router = try buildRouter(store: store, site: site, registry: registry)
    return Application(
        router: router,
        // A connection that sends nothing for `idleTimeout` is closed, so idle sockets can't pile up.
        server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))),
        configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: "makegood"),
        onServerRunning: { _ in await onServerRunning() },
        logger: logger)
}
