import Foundation
import MakegoodDomain
import OpenAPIRuntime

/// The API's instants as RFC 3339 text: written `2026-11-23T09:00:00Z` (UTC, whole seconds, as the generated
/// server's default wrote them), read with or without fractional seconds and with any offset. Neither goes through
/// a date formatter, which cost more than any other part of turning a response into JSON.
struct APIDateTranscoder: DateTranscoder {
    func encode(_ date: Date) throws -> String {
        RFC3339.formatWholeSeconds(date)
    }

    func decode(_ text: String) throws -> Date {
        guard let date = RFC3339.parseStrict(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "expected an RFC 3339 date-time such as 2026-11-23T09:00:00Z; got \(text)"))
        }
        return date
    }
}

extension Configuration {
    /// How the API reads and writes its JSON: the dates above, keys in a fixed order, and no indentation (a program
    /// reads it, not a person; indenting made a response a third longer and took a tenth of its time to write).
    static let makegood = Configuration(dateTranscoder: APIDateTranscoder(), jsonEncodingOptions: [.sortedKeys])
}
