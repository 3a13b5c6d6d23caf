public import Foundation

/// The customer's overall rating, Q1, from 1 to 10.
public struct Rating: Hashable, Comparable, Sendable {
    public let value: Int
    public static let range = 1...10

    public init(_ value: Int) throws(DomainError) {
        guard Self.range.contains(value) else {
            throw DomainError(field: "rating", "rating must be a whole number from 1 to 10; got \(value)")
        }
        self.value = value
    }

    /// A rating read back from storage, already checked when it was written.
    init(unchecked value: Int) {
        self.value = value
    }

    /// The Net Promoter band the rating falls in.
    public var band: NPSBand { NPSBand(rating: value) }

    public static func < (lhs: Rating, rhs: Rating) -> Bool { lhs.value < rhs.value }
}

/// Promoter (9–10), Passive (7–8) or Detractor (1–6); rows are coloured by it everywhere.
public enum NPSBand: String, Sendable, Codable, CaseIterable {
    case promoter, passive, detractor

    public init(rating: Int) {
        switch rating {
        case 9...: self = .promoter
        case 7...8: self = .passive
        default: self = .detractor
        }
    }
}

/// The rule of SPEC §1: a response needs recovery when its rating is at or below the threshold.
public enum RecoveryRule {
    public static func needsRecovery(rating: Int, threshold: Int) -> Bool {
        rating <= threshold
    }
}
