public import Foundation
public import MakegoodDomain

/// Which current survey responses to list, newest first, a page at a time.
public struct ResponseQuery: Sendable {
    /// Which responses by validity.
    public enum Status: String, Sendable, CaseIterable {
        case valid, invalid, all
    }

    /// Received at or after this instant.
    public var receivedFrom: Date?
    /// Received before this instant.
    public var receivedBefore: Date?
    /// Only these Support Group codes, when given.
    public var groups: [String]?
    public var srn: SRNFilter
    /// The threshold the `srn` recovery filters read ratings against.
    public var threshold: Int
    public var status: Status
    /// Only the current response for this ticket id.
    public var ticketId: String?
    /// Only responses alerted by these alert runs.
    public var alertRuns: [String]?
    /// Ratings from `minRating` to `maxRating`, inclusive.
    public var minRating: Int?
    public var maxRating: Int?
    /// Oldest received first, for walking a day's responses in the order they came.
    public var oldestFirst = false
    /// Only responses of these Customer Segment codes, when given.
    public var segments: [String]?
    /// Only responses whose recovery case is in one of these states, when given.
    public var caseStates: Set<CaseState>?
    /// Another order than newest first, for the dashboard; paged by `offset` rather than a cursor.
    public var sort: ResponseSort?
    public var offset = 0
    /// Whether to read each response's latest note too (the dashboard's Comments and SR columns).
    public var withLatestNote = false
    public var limit: Int
    /// Continue after this position.
    public var after: PageCursor?
    var ids: [UUID]?
    /// Superseded responses too: for intake, which answers with a response even once a later one has replaced it.
    var includingSuperseded = false
    /// Only responses whose group or segment code is this (for revalidation).
    var mentioningCode: String?
    /// Only responses never alerted, received in `(after, upTo]` (for alert runs).
    var unalertedIn: (after: Date, upTo: Date)?

    public static let maxLimit = 500

    public init(
        receivedFrom: Date? = nil, receivedBefore: Date? = nil, groups: [String]? = nil, srn: SRNFilter = .none,
        threshold: Int = Preferences.defaultThreshold, status: Status = .all, limit: Int = 100, after: PageCursor? = nil
    ) {
        self.receivedFrom = receivedFrom
        self.receivedBefore = receivedBefore
        self.groups = groups
        self.srn = srn
        self.threshold = threshold
        self.status = status
        self.limit = limit
        self.after = after
    }

    init(ids: [UUID]? = nil, status: Status = .all, mentioningCode: String? = nil, includeAll: Bool) {
        self.init(status: status, limit: includeAll ? Int.max : 100)
        self.ids = ids
        self.mentioningCode = mentioningCode
    }
}

/// A position in a list the API pages through (responses newest first, cases by due), opaque to API clients: the
/// instant the list is ordered by, in milliseconds, and the row's id.
public struct PageCursor: Equatable, Sendable {
    public let at: Int64
    public let id: String

    public init(at: Int64, id: String) {
        self.at = at
        self.id = id
    }

    /// Reads a cursor given by an earlier page; nil when it was not one of ours.
    public init?(token: String) {
        // As openapi.yaml's `cursor` pattern: milliseconds (at most 15 digits), `_`, the response's id.
        let parts = token.split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, (1...15).contains(parts[0].count), parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
            let at = Int64(parts[0]), parts[1].count == 36, let id = UUID(uuidString: String(parts[1]))
        else { return nil }
        self.init(at: at, id: id.storageKey)
    }

    /// The cursor as a URL-safe token.
    public var token: String {
        "\(at)_\(id)"
    }
}

/// A dashboard column to sort responses by, and the direction.
public struct ResponseSort: Equatable, Sendable {
    public enum Column: String, Sendable, CaseIterable {
        case date, group, agent, customer, segment, rating
    }

    public var column: Column
    public var descending: Bool

    public init(column: Column, descending: Bool) {
        self.column = column
        self.descending = descending
    }
}
