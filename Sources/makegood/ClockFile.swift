import Foundation
import MakegoodDomain
import MakegoodWeb
import Synchronization

/// The time a node's scheduler and outbox worker go by when `serve --clock-file` is given: the RFC 3339 instant
/// written in that file, read again each time. It lets a test (or a rehearsal of a week of alerts) move several
/// nodes through days in seconds, without touching the system clock. A file that cannot be read or parsed for a
/// moment (being rewritten) leaves the last good instant in force.
final class ClockFile: Sendable {
    let path: String
    private let last: Mutex<Date>

    /// Fails when the file does not hold an instant now, so a wrong path stops `serve` at once.
    init(path: String) throws {
        self.path = path
        guard let start = Self.read(path) else {
            throw ConfigurationError("--clock-file \(path) must hold an RFC 3339 instant, such as 2026-11-23T09:00:00Z")
        }
        last = Mutex(start)
    }

    func now() -> Date {
        let read = Self.read(path)
        return last.withLock { last in
            if let read { last = read }
            return last
        }
    }

    private static func read(_ path: String) -> Date? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return nil
        }
        return RFC3339.parse(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
