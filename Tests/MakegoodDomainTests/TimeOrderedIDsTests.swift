import Foundation
import MakegoodDomain
import Testing

@Suite struct TimeOrderedIDsTests {
    @Test func idsIncreaseAndCarryTheirMillisecondAndVersion() {
        let start = Date(timeIntervalSince1970: 1_795_424_400.123)
        var ids = TimeOrderedIDs(startingAt: start)
        let made = (0..<10_000).map { _ in ids.next().uuidString.lowercased() }
        // As text, the way the databases compare them, each is greater than the one before.
        #expect(zip(made, made.dropFirst()).allSatisfy { $0 < $1 })
        #expect(Set(made).count == made.count)
        let first = made[0]
        #expect(first.hasPrefix(String(format: "%012llx", UInt64(1_795_424_400_123)).prefix(8)))
        #expect(Array(first)[14] == "7")
        #expect("89ab".contains(Array(first)[19]))
        // 4,096 ids a millisecond; the 4,097th moves the millisecond on.
        let milliseconds = made.map { UInt64($0.replacingOccurrences(of: "-", with: "").prefix(12), radix: 16)! }
        #expect(milliseconds[4095] == 1_795_424_400_123)
        #expect(milliseconds[4096] == 1_795_424_400_124)
    }

    @Test func twoGeneratorsAtTheSameInstantDoNotCollide() {
        let start = Date(timeIntervalSince1970: 1_795_424_400)
        var a = TimeOrderedIDs(startingAt: start)
        var b = TimeOrderedIDs(startingAt: start)
        let ids = (0..<5_000).flatMap { _ in [a.next(), b.next()] }
        #expect(Set(ids).count == ids.count)
    }
}
