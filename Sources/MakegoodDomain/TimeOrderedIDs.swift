public import Foundation

/// Version 7 UUIDs (RFC 9562) that increase one after another: 48 bits of Unix milliseconds, a 12-bit counter, and
/// 62 random bits. A random (version 4) key lands each new row on a random page of every index it enters; keys that
/// grow land on the last page, which is the difference between 11 s and 7 s for a million-row import on SQLite
/// (docs/performance-log.md, "Bulk import: from 83.5 s to 7 s"). The instant is an input, not read from a clock: a
/// generator started at `now` counts up from it, and moves its millisecond on by one when the counter runs out, as
/// RFC 9562 §6.2 allows.
public struct TimeOrderedIDs: Sendable {
    private var milliseconds: UInt64
    private var counter: UInt64 = 0

    public init(startingAt instant: Date) {
        milliseconds = UInt64(max(0, (instant.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    public mutating func next() -> UUID {
        if counter > 0xFFF {
            milliseconds += 1
            counter = 0
        }
        let high = (milliseconds & 0xFFFF_FFFF_FFFF) << 16 | 0x7000 | counter
        counter += 1
        let low = UInt64.random(in: 0...UInt64.max) & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let bytes = withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { Array($0) }
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
