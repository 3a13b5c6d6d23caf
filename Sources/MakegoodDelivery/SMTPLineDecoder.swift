import NIOCore

/// Splits what the server sends into lines ending in LF (the CR is trimmed by the reader).
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            // A reply line is at most 512 octets (RFC 5321 §4.5.3.1.5); refuse to buffer without end.
            if buffer.readableBytes > 64 * 1024 { throw SMTPReplyError(code: 500, command: "read", text: "reply line too long") }
            return .needMoreData
        }
        let line = buffer.readSlice(length: end - buffer.readerIndex + 1)!
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }
}
