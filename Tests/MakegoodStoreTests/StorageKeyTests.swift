import Foundation
import MakegoodStore
import Testing

/// Ids as stored: the hand-written text is Foundation's `uuidString`, lower-cased.
@Suite struct StorageKeyTests {
    @Test func storageKeyIsTheLowercaseUUIDString() {
        var ids = [UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")!]
        ids += (0..<1_000).map { _ in UUID() }
        for id in ids { #expect(id.storageKey == id.uuidString.lowercased()) }
    }
}
