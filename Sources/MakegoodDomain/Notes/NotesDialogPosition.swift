/// Where the dialog is in the responses it walks, and which of its three buttons are active (SPEC §3).
public struct NotesDialogPosition<ID: Equatable & Sendable>: Equatable, Sendable {
    /// The responses the dialog walks, in order (oldest received first).
    public let ids: [ID]
    /// The index of the response shown.
    public let index: Int
    /// Whether this way of opening the dialog walks at all; the ticket mode never does.
    public let walks: Bool

    /// Shows `current` when it is one of `ids`, else the first (the response asked for may have been replaced).
    /// Nil when there is nothing to show.
    public init?(ids: [ID], current: ID?, walks: Bool) {
        guard !ids.isEmpty else { return nil }
        self.ids = ids
        self.index = current.flatMap { ids.firstIndex(of: $0) } ?? 0
        self.walks = walks
    }

    public var current: ID { ids[index] }
    public var previous: ID? { walks && index > 0 ? ids[index - 1] : nil }
    public var next: ID? { walks && index + 1 < ids.count ? ids[index + 1] : nil }

    /// "2 of 3", for the walking modes.
    public var label: String? { walks ? "\(index + 1) of \(ids.count)" : nil }

    /// Where each button goes after saving.
    public enum Move: String, Sendable, CaseIterable {
        case previous, stay, next
    }

    /// The response a button leads to; nil when the button is inactive.
    public func target(of move: Move) -> ID? {
        switch move {
        case .previous: previous
        case .stay: current
        case .next: next
        }
    }
}
