import Hummingbird
import Logging
import MakegoodDomain

/// Turns what a page throws into an HTML page with the right status; the API has its own JSON errors.
struct PageErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !request.isAPIRequest else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as PageError {
            return page(error)
        } catch let error as DomainError {
            return page(PageError(.badRequest, title: "This address is not complete", error.message))
        } catch let error as HTTPError where error.status == .notFound {
            return page(PageError(.notFound, title: "Not found", "There is no page at \(request.uri.path)."))
        } catch let error as HTTPError where (400..<500).contains(error.status.code) {
            return page(PageError(error.status, title: "This request can't be handled", error.body ?? error.status.reasonPhrase))
        } catch {
            context.logger.error("page failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return page(PageError(.internalServerError, title: "Something went wrong", "The page could not be shown. Try again in a moment."))
        }
    }

    private func page(_ error: PageError) -> Response {
        renderer.render("error", ["title": error.title, "message": error.message], status: error.status)
    }
}
