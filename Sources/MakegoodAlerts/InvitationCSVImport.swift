public import Foundation
public import MakegoodDomain
public import MakegoodStore

/// `makegood import invitations --cpc CPC FILE.csv` (issue 22): a help desk's export of solved tickets, each row a
/// survey invitation through the same rules as `POST /api/v1/survey-invitations`. A ticket already invited is
/// counted, not refused, so importing a file again sends nothing twice; a bad row is reported by line and the others
/// are kept.
public enum InvitationCSVImport {
    public struct Summary: Sendable {
        public var rows = 0
        public var queued = 0
        public var skipped = 0
        /// Tickets that already had an invitation.
        public var alreadyInvited = 0
        public var rejected: [(line: Int, message: String)] = []
    }

    static let columns: [String: String] = [
        "ticketid": "ticketId", "supportgroupcode": "supportGroupCode", "segmentcode": "segmentCode", "customername": "customerName",
        "customer.name": "customerName", "customeremail": "customerEmail", "customer.email": "customerEmail", "agent": "agent",
        "language": "language", "sendat": "sendAt",
    ]

    public static func run(file: String, instanceID: UUID, inviter: SurveyInviter, now: Date) async throws -> Summary {
        guard let bytes = FileManager.default.contents(atPath: file) else {
            throw DomainError(field: "file", "can't read \(file); give the path of a CSV file")
        }
        var reader = CSVRecordReader()
        reader.append(bytes)
        reader.finish()
        var header: [String]?
        var summary = Summary()
        while true {
            let record: CSVRecordReader.Record
            do {
                guard let next = try reader.next() else { break }
                record = next
            } catch {
                summary.rejected.append((error.line, "not CSV: \(error.reason); the rest of the file was not read"))
                break
            }
            guard let names = header else {
                header = try record.fields.map { name in
                    guard let field = columns[PlainText.trimmed(name ?? "").lowercased()] else {
                        throw DomainError(
                            field: name ?? "", "unknown column \(name ?? ""); the columns are \(Set(columns.values).sorted().joined(separator: ", "))")
                    }
                    return field
                }
                continue
            }
            summary.rows += 1
            var row: [String: String] = [:]
            for (name, value) in zip(names, record.fields) where !(value ?? "").isEmpty { row[name] = value }
            do {
                let sendAt = try row["sendAt"].map { text throws(DomainError) in
                    guard let date = RFC3339.parse(text) else { throw DomainError(field: "sendAt", "sendAt must be an RFC 3339 instant; got \(text)") }
                    return date
                }
                let request = try SurveyInvitationRequest(
                    ticketId: row["ticketId"], supportGroupCode: row["supportGroupCode"], segmentCode: row["segmentCode"],
                    customerName: row["customerName"], customerEmail: row["customerEmail"], agent: row["agent"],
                    language: row["language"], sendAt: sendAt, resend: false, now: now)
                let outcome = try await inviter.invite(request, instance: instanceID, now: now)
                if outcome.invitation.skipped == nil { summary.queued += 1 } else { summary.skipped += 1 }
            } catch let error as DomainError where error.kind == .conflict {
                summary.alreadyInvited += 1
            } catch let error as DomainError {
                summary.rejected.append((record.line, error.description))
            }
        }
        return summary
    }
}
