extension Result where Failure == any Error {
    /// What `body` returns, or the error it throws: `Result(catching:)` for async work, so each of a batch run at
    /// once (`concurrentMap`) can report its own failure without stopping the others.
    public init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
