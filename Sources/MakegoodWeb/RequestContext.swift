public import Hummingbird

/// The context every Makegood request carries.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// JSON bodies are small; anything larger is refused before it is read.
    public var maxUploadSize: Int { APIBodyLimitMiddleware<AppRequestContext>.maxBodyBytes }
}
