import HTTPTypes

/// A page that can't be shown, with a status and a sentence that says why and what to do.
struct PageError: Error {
    let status: HTTPResponse.Status
    let title: String
    let message: String

    init(_ status: HTTPResponse.Status, title: String, _ message: String) {
        self.status = status
        self.title = title
        self.message = message
    }

    static func badRequest(_ message: String) -> PageError {
        PageError(.badRequest, title: "This address is not complete", message)
    }

    static func notFound(cpc: String) -> PageError {
        PageError(.notFound, title: "Not found", "There is no Makegood instance \(cpc) that you can open.")
    }

    static let forbidden = PageError(.forbidden, title: "Not allowed", "Your login does not give access to this page.")

    static let badLink = PageError(
        .forbidden, title: "This link is invalid or has expired",
        "This link is invalid or has expired. Open the newest report you were sent, or log in to find the survey.")

    static let badForm = PageError(
        .forbidden, title: "This form has expired",
        "This form could not be accepted because its security token is missing or out of date. Go back, reload the page and try again.")
}
