@testable import MakegoodStore
import Testing

/// The CSV reader gives the same records however the bytes are cut into pieces.
@Suite struct CSVRecordReaderTests {
    static func records(_ bytes: [UInt8], piece: Int) throws -> [(line: Int, fields: [String?])] {
        var reader = CSVRecordReader()
        var records: [(line: Int, fields: [String?])] = []
        var start = 0
        while start < bytes.count {
            reader.append(bytes[start..<min(start + piece, bytes.count)])
            start += piece
            while let record = try reader.next() { records.append((record.line, record.fields)) }
        }
        reader.finish()
        while let record = try reader.next() { records.append((record.line, record.fields)) }
        return records
    }

    static func expectSameForEveryPiece(_ text: String, _ expected: [(Int, [String?])]) throws {
        let bytes = Array(text.utf8)
        for piece in [1, 2, 3, 5, 7, 64, bytes.count + 1] {
            let got = try records(bytes, piece: piece)
            #expect(got.map(\.line) == expected.map(\.0), "piece \(piece)")
            #expect(got.map(\.fields) == expected.map(\.1), "piece \(piece)")
        }
    }

    @Test func quotesLineBreaksAndLineNumbers() throws {
        try Self.expectSameForEveryPiece(
            "a,b,c\n1,\"Smith, Jo\",\"said \"\"hi\"\"\"\r\n2,\"two\r\nlines\",x\n\n3,,\"\"\r4,\"line\nbreak\nx\",end",
            [
                (1, ["a", "b", "c"]), (2, ["1", "Smith, Jo", "said \"hi\""]), (3, ["2", "two\r\nlines", "x"]),
                (5, [""]), (6, ["3", "", ""]), (7, ["4", "line\nbreak\nx", "end"]),
            ])
    }

    @Test func byteOrderMarkAndLenientQuotes() throws {
        try Self.expectSameForEveryPiece(
            "\u{FEFF}ticketId,rating\nab\"c,\"q\"r,\n",
            [(1, ["ticketId", "rating"]), (2, ["ab\"c", "qr", ""])])
        try Self.expectSameForEveryPiece("\u{FEFF}", [])
        try Self.expectSameForEveryPiece("", [])
    }

    @Test func bytesThatAreNotUTF8AreNilFields() throws {
        var bytes = Array("a,b\n".utf8)
        bytes += [0x43, 0x61, 0x66, 0xE9, 0x2C, 0x31, 0x0A]  // "Caf\xE9,1\n" in Latin-1
        for piece in [1, 3, bytes.count] {
            let got = try Self.records(bytes, piece: piece)
            #expect(got.map(\.fields) == [["a", "b"], [nil, "1"]])
        }
    }

    @Test func anUnclosedQuoteIsNamedByItsLine() throws {
        for piece in [1, 4, 100] {
            #expect(throws: CSVRecordReader.Malformed.self) {
                _ = try Self.records(Array("a,b\n1,2\n3,\"never\nclosed\n".utf8), piece: piece)
            }
        }
        var reader = CSVRecordReader()
        reader.append(Array("a,b\n3,\"open".utf8))
        reader.finish()
        _ = try reader.next()
        #expect(throws: CSVRecordReader.Malformed.self) { try reader.next() }
    }
}
