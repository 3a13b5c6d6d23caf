/// Reads CSV (RFC 4180: comma-separated, fields optionally in double quotes, `""` for a quote inside them) from bytes
/// as they arrive, so a file of any size is read a piece at a time. Lenient where spreadsheets are: records may end
/// in CRLF, LF or CR, a UTF-8 byte order mark at the start is skipped, and a quote inside an unquoted field is kept
/// as it is. Each record says the line it starts on, counting line breaks inside quoted fields.
public struct CSVRecordReader: Sendable {
    public struct Record: Sendable {
        /// The line the record starts on, the first line being 1.
        public let line: Int
        /// The fields, nil where the bytes are not UTF-8.
        public let fields: [String?]
    }

    /// What is wrong with the file as CSV, at a line.
    public struct Malformed: Error {
        public let line: Int
        public let reason: String
    }

    public init() {}

    private var buffer: [UInt8] = []
    private var position = 0
    private var line = 1
    private var startedReading = false
    private var finished = false

    /// Adds the next bytes of the file.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: bytes)
        if !startedReading, buffer.count >= 3 {
            startedReading = true
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
    }

    /// Says there are no more bytes: the last record may end without a line break.
    public mutating func finish() {
        finished = true
        // Fewer than three bytes in all can't hold a byte order mark: `append` has seen any there is.
        startedReading = true
    }

    /// The next whole record, or nil when the bytes so far end inside one (append more) or the file has ended.
    public mutating func next() throws(Malformed) -> Record? {
        guard startedReading, position < buffer.count else { return nil }
        let startLine = line
        var fields: [String?] = []
        var field: [UInt8] = []
        var index = position
        var lines = 0
        let count = buffer.count
        while true {
            // One field.
            field.removeAll(keepingCapacity: true)
            let quoted = index < count && buffer[index] == UInt8(ascii: "\"")
            if quoted {
                index += 1
                var closed = false
                while index < count {
                    let byte = buffer[index]
                    if byte == UInt8(ascii: "\"") {
                        if index + 1 < count, buffer[index + 1] == UInt8(ascii: "\"") {
                            field.append(byte)
                            index += 2
                            continue
                        }
                        if index + 1 == count, !finished { return nil }
                        index += 1
                        closed = true
                        break
                    }
                    if byte == UInt8(ascii: "\r") {
                        // A CR counts as a line break unless an LF follows, which may be in the bytes still to come.
                        if index + 1 == count, !finished { return nil }
                        if index + 1 == count || buffer[index + 1] != UInt8(ascii: "\n") { lines += 1 }
                    } else if byte == UInt8(ascii: "\n") {
                        lines += 1
                    }
                    field.append(byte)
                    index += 1
                }
                if !closed {
                    guard finished else { return nil }
                    throw Malformed(line: startLine, reason: "a quoted field that starts on line \(startLine) is never closed; check its quotes")
                }
            }
            // The rest of the field, unquoted (or after a closing quote, kept as it is).
            let unquotedStart = index
            while index < count {
                let byte = buffer[index]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                index += 1
            }
            if !quoted {
                fields.append(String(validating: buffer[unquotedStart..<index], as: UTF8.self))
            } else {
                field.append(contentsOf: buffer[unquotedStart..<index])
                fields.append(String(validating: field, as: UTF8.self))
            }
            guard index < count else {
                guard finished else { return nil }
                position = index
                line = startLine + lines + 1
                return Record(line: startLine, fields: fields)
            }
            let byte = buffer[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "\r") {
                if index == count, !finished { return nil }
                if index < count, buffer[index] == UInt8(ascii: "\n") { index += 1 }
            }
            position = index
            line = startLine + lines + 1
            return Record(line: startLine, fields: fields)
        }
    }
}
