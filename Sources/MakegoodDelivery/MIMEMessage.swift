public import Foundation

/// An RFC 5322 message with a multipart/alternative body (plain text and HTML) and optional attachments.
public struct MIMEMessage: Sendable {
    public var from: String
    public var to: String
    public var toName: String?
    public var subject: String
    public var messageID: String
    public var date: Date
    public var text: String
    public var html: String?
    /// Files sent with the message, such as the PDF report.
    public var attachments: [(name: String, contentType: String, data: Data)]
    /// Where a mail client's one-click unsubscribe posts (RFC 8058): a survey email's.
    public var listUnsubscribe: String?

    public init(
        from: String, to: String, toName: String?, subject: String, messageID: String, date: Date, text: String, html: String?,
        attachments: [(name: String, contentType: String, data: Data)] = [], listUnsubscribe: String? = nil
    ) {
        self.attachments = attachments
        self.listUnsubscribe = listUnsubscribe
        self.from = from
        self.to = to
        self.toName = toName
        self.subject = subject
        self.messageID = messageID
        self.date = date
        self.text = text
        self.html = html
    }

    /// The message as CRLF-terminated text, ready for a file or an SMTP DATA command.
    public func rendered() -> String {
        let boundary = "=_mg_" + messageID.filter { $0.isLetter || $0.isNumber }.prefix(24)
        var lines = [
            "From: \(Self.encodedAddress(from))",
            "To: \(toName.map { Self.encodedWord($0) + " <\(to)>" } ?? to)",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        if let listUnsubscribe {
            lines += ["List-Unsubscribe: <\(listUnsubscribe)>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click"]
        }
        let body = bodyLines(boundary: boundary + "_alt")
        if attachments.isEmpty {
            lines += body
        } else {
            lines += ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--\(boundary)"] + body
            for attachment in attachments {
                let name = Self.encodedWord(attachment.name).replacingOccurrences(of: "\"", with: "")
                lines += ["--\(boundary)", "Content-Type: \(attachment.contentType); name=\"\(name)\"",
                          "Content-Disposition: attachment; filename=\"\(name)\"", "Content-Transfer-Encoding: base64", ""]
                lines += Self.base64Lines(attachment.data)
            }
            lines += ["--\(boundary)--"]
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The text, or text and HTML as alternatives.
    private func bodyLines(boundary: String) -> [String] {
        guard let html else { return Self.part("text/plain; charset=utf-8", text) }
        return ["Content-Type: multipart/alternative; boundary=\"\(boundary)\"", "", "--\(boundary)"]
            + Self.part("text/plain; charset=utf-8", text)
            + ["--\(boundary)"] + Self.part("text/html; charset=utf-8", html) + ["--\(boundary)--"]
    }

    private static func part(_ contentType: String, _ body: String) -> [String] {
        ["Content-Type: \(contentType)", "Content-Transfer-Encoding: base64", ""] + base64Lines(Data(body.utf8))
    }

    /// Base64 in lines of 76 characters, as MIME asks: each line encodes its own 57 bytes, so the work is one pass
    /// (cutting one long base64 string into lines walked it from the start for every line).
    static func base64Lines(_ data: Data) -> [String] {
        stride(from: data.startIndex, to: data.endIndex, by: 57).map { start in
            data[start..<min(start + 57, data.endIndex)].base64EncodedString()
        }
    }

    /// `Name <address>` with the name encoded when it is not plain ASCII.
    static func encodedAddress(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<") else { return text }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? String(text[open...]) : encodedWord(name) + " " + text[open...]
    }

    /// RFC 2047: non-ASCII header text as a UTF-8 base64 encoded word.
    static func encodedWord(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && $0 != "\r" && $0 != "\n" }) { return text }
        return "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// "Mon, 23 Nov 2026 09:00:00 +0000", in English whatever the locale.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][(c.weekday ?? 1) - 1]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][(c.month ?? 1) - 1]
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(weekday), \(two(c.day)) \(month) \(c.year ?? 1970) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }
}
