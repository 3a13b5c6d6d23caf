public import Foundation

/// The Service Recovery Notes filter (`srn`) shared by the report, the dashboard and the API.
public enum SRNFilter: String, Sendable, CaseIterable {
    /// All responses, without notes.
    case none = "n"
    /// All responses, with their notes.
    case all = "y"
    /// Rating at or below the threshold: all needing recovery.
    case needingRecovery = "r"
    /// Needing recovery and no notes yet.
    case needingRecoveryWithoutNotes = "x"
    /// Has notes.
    case withNotes = "w"
    /// Has notes, none with Spoke = yes.
    case neverSpoken = "v"
    /// Has notes, at least one with Spoke = yes.
    case hasSpoken = "s"

    /// Reads the `srn` query value; absent means `n`.
    public init?(query: String?) {
        guard let query else {
            self = .none
            return
        }
        self.init(rawValue: query.lowercased())
    }

    /// Whether rows show their notes and a pencil link to the dialog.
    public var showsNotes: Bool { self != .none }

    /// The label of the dashboard's ServiceRecoveryNotes filter; nil for the settings it does not offer.
    public var dashboardLabel: String? {
        switch self {
        case .none, .all: nil
        case .needingRecovery: "All needing recovery"
        case .needingRecoveryWithoutNotes: "No SR notes"
        case .withNotes: "With SR notes"
        case .neverSpoken: "SR notes - Never spoken"
        case .hasSpoken: "SR notes - Has spoken"
        }
    }

    /// Whether a response with these facts passes the filter.
    public func includes(rating: Int, threshold: Int, noteCount: Int, spokenCount: Int) -> Bool {
        switch self {
        case .none, .all: true
        case .needingRecovery: RecoveryRule.needsRecovery(rating: rating, threshold: threshold)
        case .needingRecoveryWithoutNotes:
            RecoveryRule.needsRecovery(rating: rating, threshold: threshold) && noteCount == 0
        case .withNotes: noteCount > 0
        case .neverSpoken: noteCount > 0 && spokenCount == 0
        case .hasSpoken: spokenCount > 0
        }
    }
}
