/// Where a recovery case stands: nobody has spoken to the customer yet, someone has, or it is over.
public enum CaseState: String, Sendable, CaseIterable, Comparable {
    /// Alerted; no note with Spoke = yes yet. Only an open case can be overdue.
    case open
    /// A note with Spoke = yes was saved; the case still waits for its outcome.
    case contacted
    /// Closed with a resolution (and a note saying what was done).
    case closed

    /// How pages name the state.
    public var label: String {
        switch self {
        case .open: "Open"
        case .contacted: "Contacted"
        case .closed: "Closed"
        }
    }

    /// Reads a report's or dashboard's `state` filter: blank is none.
    public static func filter(_ text: String?) throws(DomainError) -> CaseState? {
        guard let text, !text.isEmpty else { return nil }
        guard let state = CaseState(rawValue: text.lowercased()) else {
            throw DomainError(field: "state", "state must be open, contacted or closed; got \(text)")
        }
        return state
    }

    public static func < (lhs: CaseState, rhs: CaseState) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How a closed case ended.
public enum CaseResolution: String, Sendable, CaseIterable {
    case recovered
    case notRecovered
    /// The customer never answered.
    case unreachable
    case noActionNeeded

    /// How pages, reports and messages name it.
    public var label: String {
        switch self {
        case .recovered: "recovered"
        case .notRecovered: "not recovered"
        case .unreachable: "unreachable"
        case .noActionNeeded: "no action needed"
        }
    }

    /// Reads the API's name (`notRecovered`) or the label (`not recovered`).
    public init?(name: String) {
        if let resolution = CaseResolution(rawValue: name) {
            self = resolution
        } else if let resolution = CaseResolution.allCases.first(where: { $0.label == name }) {
            self = resolution
        } else {
            return nil
        }
    }
}
