/// Group commit: many tasks hand in one small write each, and the writes that arrive while one batch is being
/// written go together in the next. Each caller waits for its own result, so a write is never reported done before
/// it is; yet under load there is one transaction for many writes instead of one each, and none waits longer than
/// the batch before it.
public actor Batcher<Input: Sendable, Output: Sendable> {
    private let flush: @Sendable ([Input]) async throws -> [Output]
    private var queued: [(input: Input, waiter: CheckedContinuation<Output, any Error>)] = []
    private var flushing = false

    /// How many inputs wait for the next batch.
    var waiting: Int { queued.count }

    /// `flush` writes a batch and returns one output per input, in order; if it throws, every caller of the batch
    /// gets its error.
    public init(flush: @escaping @Sendable ([Input]) async throws -> [Output]) {
        self.flush = flush
    }

    /// Hands in `input` and returns its output once the batch holding it is written.
    public func submit(_ input: Input) async throws -> Output {
        try await withCheckedThrowingContinuation { waiter in
            queued.append((input, waiter))
            if !flushing {
                flushing = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !queued.isEmpty {
            let batch = queued
            queued = []
            let inputs = batch.map(\.input)
            do {
                let outputs = try await flush(inputs)
                guard outputs.count == batch.count else { throw BatchMismatch(inputs: batch.count, outputs: outputs.count) }
                for (item, output) in zip(batch, outputs) { item.waiter.resume(returning: output) }
            } catch {
                for item in batch { item.waiter.resume(throwing: error) }
            }
        }
        flushing = false
    }

    /// A flush returned a different number of outputs than it was given inputs: a bug in the flush.
    public struct BatchMismatch: Error, CustomStringConvertible {
        let inputs: Int
        let outputs: Int
        public var description: String { "a batch of \(inputs) writes returned \(outputs) results" }
    }
}
