public import Foundation
public import MakegoodDomain
import SwiftCSV

/// Bulk import of survey responses from CSV: a header row naming the API's fields, one response a row.
/// Rows are checked like the API checks them; bad rows are reported by line and the good ones kept.
public enum ResponseCSVImport {
    /// A row that was not imported, and why.
    public struct RowError: Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    /// What an import did.
    public struct Summary: Sendable {
        public var rows = 0
        public var imported = 0
        public var replaced = 0
        /// Imported, but stored as invalid (unknown or missing codes), to be fixed later.
        public var invalid = 0
        public var rejected: [RowError] = []
    }

    /// The columns a file may have; `rating` is required.
    static let columns: [String: String] = [
        "ticketid": "ticketId", "supportgroupcode": "supportGroupCode", "segmentcode": "segmentCode",
        "customername": "customerName", "customer.name": "customerName", "customeremail": "customerEmail",
        "customer.email": "customerEmail", "agent": "agent", "rating": "rating", "factors": "factors", "comment": "comment",
        "receivedat": "receivedAt",
    ]

    /// Imports a CSV text into an instance, `batchSize` rows per transaction, reporting progress as (done, total).
    public static func run(
        csv text: String, instanceID: UUID, store: Store, now: Date, batchSize: Int = 1_000,
        progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw DomainError(field: nil, "the file is not valid CSV (\(error)); check its quotes")
        }
        let header = try csv.header.map { name in
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let field = columns[key] else {
                throw DomainError(
                    field: name,
                    "unknown column \(name); the columns are ticketId, supportGroupCode, segmentCode, customerName, customerEmail, agent, rating, factors, comment, receivedAt"
                )
            }
            return field
        }
        guard header.contains("rating") else { throw DomainError(field: "rating", "the header row must name a rating column") }

        var summary = Summary()
        summary.rows = csv.rows.count
        var line = 2
        var batch: [(line: Int, submission: SurveySubmission)] = []
        for row in csv.rows {
            let rowLine = line
            // A blank line is not a response.
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                line += 1
                summary.rows -= 1
                continue
            }
            // A quoted field may hold line breaks, so the next row starts further down.
            line += 1 + row.reduce(0) { $0 + $1.reduce(0) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 } }
            switch Result(catching: { try submission(from: row, header: header, now: now) }) {
            case .success(let submission): batch.append((rowLine, submission))
            case .failure(let error): summary.rejected.append(RowError(line: rowLine, message: "\(error)"))
            }
            if batch.count >= batchSize {
                try await write(batch, into: instanceID, store: store, now: now, summary: &summary)
                batch.removeAll(keepingCapacity: true)
                progress(summary.imported + summary.rejected.count, summary.rows)
            }
        }
        try await write(batch, into: instanceID, store: store, now: now, summary: &summary)
        progress(summary.rows, summary.rows)
        return summary
    }

    private static func write(
        _ batch: [(line: Int, submission: SurveySubmission)], into instanceID: UUID, store: Store, now: Date, summary: inout Summary
    ) async throws {
        guard !batch.isEmpty else { return }
        let submissions = batch.map(\.submission)
        let results = try await store.write { try await $0.scoped(to: instanceID).responses.store(submissions, now: now) }
        summary.imported += results.count
        summary.replaced += results.count { $0.replaced != nil }
        summary.invalid += results.count { !$0.problems.isEmpty }
    }

    static func submission(from row: [String], header: [String], now: Date) throws -> SurveySubmission {
        // The parser pads every row to the longest one, so only fields with content beyond the header count.
        var fields = row
        while fields.count > header.count, fields.last?.isEmpty == true { fields.removeLast() }
        guard fields.count <= header.count else {
            throw DomainError(field: nil, "the row has \(fields.count) fields but the header names \(header.count)")
        }
        fields += Array(repeating: "", count: header.count - fields.count)
        var values: [String: String] = [:]
        for (field, value) in zip(header, fields) where !value.isEmpty {
            values[field] = value
        }
        guard let ratingText = values["rating"] else { throw DomainError(field: "rating", "rating is required") }
        guard let ratingValue = Int(ratingText.trimmingCharacters(in: .whitespaces)) else {
            throw DomainError(field: "rating", "rating must be a whole number from 1 to 10; got \(ratingText)")
        }
        var receivedAt = now
        if let text = values["receivedAt"] {
            guard let date = RFC3339.parse(text) else {
                throw DomainError(field: "receivedAt", "receivedAt must be an RFC 3339 date-time such as 2026-11-23T09:00:00Z; got \(text)")
            }
            try SurveySubmission.checkReceivedAt(date, now: now)
            receivedAt = date
        }
        let factors = (values["factors"] ?? "").split(whereSeparator: { $0 == ";" || $0 == "|" }).map(String.init)
        return try SurveySubmission(
            ticketId: values["ticketId"], supportGroupCode: values["supportGroupCode"], segmentCode: values["segmentCode"],
            customerName: values["customerName"], customerEmail: values["customerEmail"], agent: values["agent"],
            rating: try Rating(ratingValue), factors: factors, comment: values["comment"], receivedAt: receivedAt)
    }
}
