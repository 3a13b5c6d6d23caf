import Foundation
import Hummingbird
import HummingbirdAuth
import MakegoodStore

/// The browser pages: login, the notes dialog and the report, behind the session and page-error middleware.
func addPages(to router: Router<AppRequestContext>, store: Store, site: SiteSettings, now: @escaping @Sendable () -> Date) throws {
    let renderer = try PageRenderer.load()
    try StaticAssets.load().addRoutes(to: router)
    let services = PageServices(
        store: store, renderer: renderer, csrf: CSRFGuard(secret: site.secret, secureCookies: site.secureCookies),
        signer: LinkSigner(secret: site.secret), baseURL: site.baseURL, clientAddressHeader: site.clientAddressHeader, now: now)
    let sessions = SessionMiddleware<AppRequestContext>(
        storage: StorePersistDriver(store: store, now: now),
        configuration: .init(
            sessionCookieParameters: .init(name: WebSession.cookieName, path: "/", secure: site.secureCookies, sameSite: .lax),
            keyPrefix: "session.", defaultSessionExpiration: WebSession.lifetime))
    let pages = router.group().add(middleware: PageErrorMiddleware(renderer: renderer)).add(middleware: sessions)
    LoginController(services: services).addRoutes(to: pages)
    NotesDialogController(services: services).addRoutes(to: pages)
    SurveyResponsesReportController(services: services).addRoutes(to: pages)
    DashboardsController(services: services).addRoutes(to: pages)
    PortalController(services: services).addRoutes(to: pages)
    InvitationController(services: services).addRoutes(to: pages)
    SurveyController(services: services).addRoutes(to: pages)
}
