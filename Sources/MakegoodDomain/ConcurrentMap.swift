extension Array where Element: Sendable {
    /// `transform` applied to every element, at most `width` at once; the results come back in the elements' order.
    /// The daily run draws several instances' reports at once with it, and the outbox worker sends several messages.
    @discardableResult
    public func concurrentMap<Result: Sendable>(
        width: Int, _ transform: @escaping @Sendable (Element) async -> Result
    ) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: count)
            var next = 0
            func start(_ group: inout TaskGroup<(Int, Result)>) {
                let index = next
                let element = self[index]
                next += 1
                group.addTask { (index, await transform(element)) }
            }
            for _ in 0..<Swift.min(Swift.max(1, width), count) { start(&group) }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < count { start(&group) }
            }
            return results.map { $0! }
        }
    }
}
