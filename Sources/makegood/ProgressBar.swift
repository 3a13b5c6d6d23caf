import Foundation
import Synchronization

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
final class ProgressBar: Sendable {
    private let enabled: Bool
    private let lastDrawn = Mutex<Int>(-1)

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Draws the bar at `done` of `total`, followed by `detail` (by default "done/total").
    @Sendable func update(done: Int, total: Int, detail: String? = nil) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        let changed = lastDrawn.withLock { last in
            defer { last = percent }
            return last != percent
        }
        guard changed else { return }
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(bar) \(percent)% (\(detail ?? "\(done)/\(total)"))".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
