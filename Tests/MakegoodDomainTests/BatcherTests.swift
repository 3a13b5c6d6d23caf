import Synchronization
import Testing
@testable import MakegoodDomain

/// Group commit: writes that arrive while a batch is written go together in the next, and each caller gets its own
/// result only once its batch is written.
@Suite struct BatcherTests {
    /// Holds a flush until the test lets it go.
    actor Latch {
        private var open = false
        private var waiters: [CheckedContinuation<Void, Never>] = []
        func wait() async {
            if open { return }
            await withCheckedContinuation { waiters.append($0) }
        }
        func release() {
            open = true
            waiters.forEach { $0.resume() }
            waiters = []
        }
    }

    @Test func writesArrivingDuringAFlushGoTogetherInTheNextAndEachCallerGetsItsOwnResult() async throws {
        let batches = Mutex<[[Int]]>([])
        let latch = Latch()
        let batcher = Batcher<Int, String> { inputs in
            let first = batches.withLock { $0.append(inputs); return $0.count == 1 }
            if first { await latch.wait() }
            return inputs.map { "done \($0)" }
        }
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            group.addTask { (0, try await batcher.submit(0)) }
            while batches.withLock({ $0.isEmpty }) { await Task.yield() }
            for input in 1...9 { group.addTask { (input, try await batcher.submit(input)) } }
            while await batcher.waiting < 9 { await Task.yield() }
            await latch.release()
            for try await (input, output) in group { #expect(output == "done \(input)") }
        }
        let written = batches.withLock { $0 }
        #expect(written.count == 2)
        #expect(written.first == [0] && written.last?.sorted() == Array(1...9))
    }

    struct Refused: Error {}

    @Test func aFailedFlushFailsItsCallersOnlyAndTheNextBatchIsWritten() async throws {
        let calls = Mutex(0)
        let batcher = Batcher<Int, Int> { inputs in
            let call = calls.withLock { $0 += 1; return $0 }
            if call == 1 { throw Refused() }
            return inputs.map { $0 * 2 }
        }
        await #expect(throws: Refused.self) { try await batcher.submit(1) }
        #expect(try await batcher.submit(21) == 42)
    }

    @Test func aFlushThatLosesAResultIsAnError() async throws {
        let batcher = Batcher<Int, Int> { _ in [] }
        await #expect(throws: Batcher<Int, Int>.BatchMismatch.self) { try await batcher.submit(1) }
    }
}
