public import Foundation
public import MakegoodDomain
import MakegoodReports
public import MakegoodStore

/// Tells an instance's admins, at most once an hour, about survey responses that arrived with data errors,
/// so they get fixed before the next alert run (SPEC §1).
public enum DataErrorDigest {
    public static let interval: TimeInterval = 3_600

    /// Queues a digest email to each admin when there are new data errors and the last digest is an hour old;
    /// returns how many emails it queued.
    @discardableResult
    public static func sendIfDue(instance: Instance, store: Store, baseURL: URL, now: Date) async throws -> Int {
        try await store.write { session in
            let scope = session.scoped(to: instance.id)
            if let last = try await scope.dataErrorDigests.lastHour(), now.timeIntervalSince(last) < interval { return 0 }
            let untold = try await scope.dataErrorDigests.untold()
            guard untold.count > 0 else { return 0 }
            let hour = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / interval).rounded(.down) * interval)
            guard let digest = try await scope.dataErrorDigests.claim(hourStart: hour, responses: untold.count) else { return 0 }
            try await scope.dataErrorDigests.markTold(by: digest)
            let admins = try await scope.users.list().filter { $0.role == .admin }
            let message = content(instance: instance, responses: untold.responses, total: untold.count, baseURL: baseURL)
            for admin in admins {
                try await scope.deliveries.queue(
                    DeliveryRepository.Message(
                        contactID: admin.id, channel: .email, address: admin.email, subject: message.subject, body: message.text,
                        html: message.html, itemCount: untold.count, groupNames: []),
                    run: nil, digest: digest, now: now)
            }
            return admins.count
        }
    }

    static func content(instance: Instance, responses: [SurveyResponse], total count: Int, baseURL: URL)
        -> (subject: String, text: String, html: String)
    {
        let subject = "Makegood: \(count) survey response\(count == 1 ? "" : "s") of \(instance.name) need\(count == 1 ? "s" : "") fixing"
        var fixURL = URLComponents(url: baseURL.appendingPathComponent("portal/data-errors"), resolvingAgainstBaseURL: false)!
        fixURL.queryItems = [URLQueryItem(name: "cpc", value: instance.cpc)]
        let link = fixURL.string!
        var text = "These survey responses arrived with data errors. Until they are fixed they are not alerted; once fixed before the "
        text += "next alert run they still are.\n\nFix them under Fix Data Errors: \(link)\n(or with PATCH /api/v1/survey-responses/{id})\n\n"
        var rows = ""
        for response in responses {
            let problems = response.problems.map(\.message).joined(separator: "; ")
            text += "- \(response.submission.ticketId ?? "(no ticket id)") · rating \(response.submission.rating.value) · \(problems) · id \(response.id.storageKey)\n"
            rows += "<li><b>\(MarkupText.escape(response.submission.ticketId ?? "(no ticket id)"))</b> · \(MarkupText.escape(problems))</li>"
        }
        if count > responses.count {
            text += "… and \(count - responses.count) more.\n"
            rows += "<li>… and \(count - responses.count) more</li>"
        }
        let html = """
            <!DOCTYPE html><html><body style="font-family:Arial,Helvetica,sans-serif">
            <p>These survey responses of \(MarkupText.escape(instance.name)) arrived with data errors and are not alerted until fixed.</p>
            <ul>\(rows)</ul><p><a href="\(MarkupText.escape(link))">Fix Data Errors</a></p></body></html>
            """
        return (subject, text, html)
    }
}
