import Foundation
import Testing

@testable import MakegoodDelivery

@Suite struct MIMEMessageTests {
    @Test(arguments: [0, 1, 56, 57, 58, 114, 1_000, 65_536])
    func base64LinesAreSeventySixCharactersAndDecodeBack(size: Int) throws {
        let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        let lines = MIMEMessage.base64Lines(data)
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect((lines.last?.count ?? 0) <= 76)
        #expect(lines.count == (size + 56) / 57)
        #expect(Data(base64Encoded: lines.joined()) == data)
    }

    @Test func aSliceOfDataIsEncodedFromItsOwnStart() {
        let whole = Data((0..<200).map { UInt8($0) })
        let slice = whole[100..<200]
        #expect(Data(base64Encoded: MIMEMessage.base64Lines(slice).joined()) == Data(slice))
    }

    @Test func theDateHeaderIsRFC5322InEnglishAndUTC() {
        #expect(MIMEMessage.rfc5322Date(Date(timeIntervalSince1970: 1_795_424_400)) == "Mon, 23 Nov 2026 09:00:00 +0000")
        #expect(MIMEMessage.rfc5322Date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MIMEMessage.rfc5322Date(Date(timeIntervalSince1970: 1_709_164_805)) == "Thu, 29 Feb 2024 00:00:05 +0000")
    }
}
