public import Foundation
import NIOPosix
import Synchronization

/// bcrypt for requests: a password check is a quarter of a second of CPU, so run on Swift's cooperative threads a
/// burst of logins would take every one of them and stall every other request. Here hashes run on a few threads of
/// their own (half the cores), and when too many already wait the request is turned away at once (`Busy`) rather
/// than queued without end.
public enum PasswordWork {
    /// How many hashes may wait for a thread before more are refused.
    public static let maxWaiting = 64

    /// More hashes wait than `maxWaiting`: the server is busy checking passwords; try again shortly.
    public struct Busy: Error, CustomStringConvertible {
        public var description: String { "too many password checks are waiting; try again in a moment" }
    }

    private static let threads = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        return pool
    }()
    private static let queued = Atomic<Int>(0)

    /// Whether `secret` matches a bcrypt `hash`, checked on the password threads.
    public static func verify(_ secret: String, hash: String) async throws -> Bool {
        try await run { Secrets.verify(secret, hash: hash) }
    }

    /// The bcrypt hash of `secret` at `cost`, made on the password threads.
    public static func hash(_ secret: String, cost: UInt8) async throws -> String {
        try await run { Secrets.hash(secret, cost: cost) }
    }

    private static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        let waiting = queued.wrappingAdd(1, ordering: .relaxed).newValue
        defer { queued.wrappingSubtract(1, ordering: .relaxed) }
        guard waiting <= maxWaiting + threads else { throw Busy() }
        return try await pool.runIfActive(work)
    }
}
