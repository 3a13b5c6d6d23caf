import Foundation
import MakegoodDomain
import MakegoodReports
import MakegoodStore

/// The email that asks a customer the survey's first question (issue 22): ten one-click ratings, in a table that
/// common mail clients draw alike (no CSS they might drop, no images, no script), and the same links as text.
struct SurveyInvitationEmail {
    let instanceName: String
    let invitation: SurveyInvitation
    /// The page's link for each rating, 1 to 10.
    let ratingURLs: [String]
    let unsubscribeURL: String
    /// The instance's texts in the invitation's language.
    let texts: SurveyTexts

    var question: String { texts.ratingQuestion }

    var subject: String { question }

    private var greeting: String { invitation.customerName.map { "Hello \($0)," } ?? "Hello," }

    private var about: String {
        if invitation.isResurvey {
            return "We followed up on your ticket \(invitation.ticketId) with \(instanceName). Now that it is behind you:"
        }
        let by = invitation.agent.map { " by \($0)" } ?? ""
        return "Your ticket \(invitation.ticketId) with \(instanceName) was solved\(by)."
    }

    var text: String {
        var lines = [greeting, "", about, question, "Choose a number from 1 (very poor) to 10 (excellent):", ""]
        for (index, url) in ratingURLs.enumerated() {
            lines.append("\(String(repeating: " ", count: index < 9 ? 1 : 0))\(index + 1): \(url)")
        }
        lines += ["", "One click records your answer; the page then asks two optional questions.", "",
                  "To receive no more surveys from \(instanceName): \(unsubscribeURL)"]
        return lines.joined(separator: "\n")
    }

    var html: String {
        let e = MarkupText.escape
        let cells = ratingURLs.enumerated().map { index, url in
            """
            <td style="padding:2px"><a href="\(e(url))" style="display:block;width:36px;padding:10px 0;text-align:center;\
            background:#1f5fa8;color:#ffffff;font:bold 16px Arial,sans-serif;text-decoration:none;border-radius:4px" \
            aria-label="\(index + 1) out of 10">\(index + 1)</a></td>
            """
        }.joined()
        return """
            <!doctype html><html lang="\(e(texts.language))"><head><meta charset="utf-8"><title>\(e(question))</title></head>
            <body style="margin:0;padding:16px;font:15px Arial,sans-serif;color:#222222">
            <table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td>
            <p>\(e(greeting))</p><p>\(e(about))</p>
            <p style="font-size:18px;font-weight:bold">\(e(question))</p>
            <table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>\(cells)</tr></table>
            <table role="presentation" cellpadding="0" cellspacing="0" border="0" width="400"><tr>\
            <td style="font-size:12px;color:#555555">1 = very poor</td><td align="right" style="font-size:12px;color:#555555">10 = excellent</td>\
            </tr></table>
            <p>One click records your answer; the page then asks two optional questions.</p>
            <p style="font-size:12px;color:#555555">To receive no more surveys from \(e(instanceName)), \
            <a href="\(e(unsubscribeURL))" style="color:#555555">unsubscribe</a>.</p>
            </td></tr></table></body></html>
            """
    }
}
