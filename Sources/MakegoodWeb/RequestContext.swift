public import Hummingbird
public import HummingbirdAuth

/// The context every Makegood request carries, with the portal session of page requests.
public struct AppRequestContext: RequestContext, SessionRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    /// The address of the peer the request came from, when it came over a socket (not in router tests).
    public let peerAddress: String?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.sessions = SessionContext()
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// JSON bodies and forms are small; anything larger is refused before it is read.
    public var maxUploadSize: Int { APIBodyLimitMiddleware<AppRequestContext>.maxBodyBytes }
}
