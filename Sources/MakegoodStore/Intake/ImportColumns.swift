import Foundation
import MakegoodDomain

/// Which field of a bulk import's rows holds which of the API's fields, from the file's header row.
struct ImportColumns {
    enum Field: String, CaseIterable {
        case ticketId, supportGroupCode, segmentCode, customerName, customerEmail, agent, rating, factors, comment, receivedAt
    }

    /// The names a header may use for each field, compared without case.
    static let names: [String: Field] = [
        "ticketid": .ticketId, "supportgroupcode": .supportGroupCode, "segmentcode": .segmentCode,
        "customername": .customerName, "customer.name": .customerName, "customeremail": .customerEmail,
        "customer.email": .customerEmail, "agent": .agent, "rating": .rating, "factors": .factors, "comment": .comment,
        "receivedat": .receivedAt,
    ]

    /// The position of each field the header names.
    private var positions: [Field: Int] = [:]
    private let count: Int

    init(header: [String?]) throws(DomainError) {
        count = header.count
        for (position, name) in header.enumerated() {
            let name = name ?? ""
            guard let field = Self.names[PlainText.trimmed(name).lowercased()] else {
                throw DomainError(
                    field: name,
                    "unknown column \(name); the columns are ticketId, supportGroupCode, segmentCode, customerName, customerEmail, agent, rating, factors, comment, receivedAt"
                )
            }
            positions[field] = position
        }
        guard positions[.rating] != nil else { throw DomainError(field: "rating", "the header row must name a rating column") }
    }

    /// A record checked as the API checks a request.
    func row(from record: CSVRecordReader.Record, now: Date) throws(DomainError) -> ResponseCSVImport.Row {
        var fields = record.fields[...]
        // Fields beyond the header's count only when they hold something; a short row leaves the rest empty.
        while fields.count > count, fields.last == "" { fields.removeLast() }
        guard fields.count <= count else {
            throw DomainError(field: nil, "the row has \(fields.count) fields but the header names \(count)")
        }
        if let unreadable = fields.firstIndex(of: nil) {
            let field = positions.first { $0.value == unreadable }?.key.rawValue ?? "a field"
            throw DomainError(field: field, "\(field) is not UTF-8 text; save the file as UTF-8")
        }
        func value(_ field: Field) -> String? {
            guard let position = positions[field], position < fields.count, let text = fields[position], !text.isEmpty else { return nil }
            return text
        }
        guard let ratingText = value(.rating) else { throw DomainError(field: "rating", "rating is required") }
        guard let ratingValue = Int(PlainText.trimmed(ratingText)) else {
            throw DomainError(field: "rating", "rating must be a whole number from 1 to 10; got \(ratingText)")
        }
        var receivedAt = now
        if let text = value(.receivedAt) {
            guard let date = RFC3339.parse(text) else {
                throw DomainError(field: "receivedAt", "receivedAt must be an RFC 3339 date-time such as 2026-11-23T09:00:00Z; got \(text)")
            }
            try SurveySubmission.checkReceivedAt(date, now: now)
            receivedAt = date
        }
        let factors = (value(.factors) ?? "").split(whereSeparator: { $0 == ";" || $0 == "|" }).map(String.init)
        let submission = try SurveySubmission(
            ticketId: value(.ticketId), supportGroupCode: value(.supportGroupCode), segmentCode: value(.segmentCode),
            customerName: value(.customerName), customerEmail: value(.customerEmail), agent: value(.agent),
            rating: try Rating(ratingValue), factors: factors, comment: value(.comment), receivedAt: receivedAt)
        return ResponseCSVImport.Row(line: record.line, submission: submission)
    }
}
