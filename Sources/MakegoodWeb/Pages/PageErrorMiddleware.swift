import Hummingbird
import Logging
import MakegoodDomain
import MakegoodStore

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
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            // A form body over the limit, as `collect(upTo:)` reports it.
            let limit = APIBodyLimitMiddleware<Context>.maxBodyBytes / 1024
            return page(PageError(
                .contentTooLarge, title: "This form is too large",
                "The form sent is larger than the \(limit) KB the server accepts. Shorten the text and send it again."))
        } catch is PasswordWork.Busy {
            return page(PageError(
                .serviceUnavailable, title: "Too busy to check passwords",
                "Many logins are being checked right now. Wait a moment and try again."))
        } catch {
            context.logger.error("page failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return page(PageError(.internalServerError, title: "Something went wrong", "The page could not be shown. Try again in a moment."))
        }
    }

    private func page(_ error: PageError) -> Response {
        renderer.render("error", ["title": error.title, "message": error.message], status: error.status)
    }
}
