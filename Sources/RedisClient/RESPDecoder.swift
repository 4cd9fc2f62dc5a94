import NIOCore

/// Turns the server's byte stream into `RESPValue`s.
///
/// A frame is parsed from a copy of the buffer and consumed only when complete, so any split of the
/// stream (one byte at a time, a 5 MB bulk string over many reads) gives the same values. A bulk
/// string still missing bytes is recognised from its header alone, so large values cost O(1) per read.
/// Limits keep a broken or hostile peer from making the client buffer without end or recurse deeply.
public struct RESPDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = RESPValue

    /// Redis' own `proto-max-bulk-len` default.
    public static let maximumBulkLength = 512 * 1024 * 1024
    /// Simple strings, errors and headers are short; a longer line without CRLF is garbage.
    public static let maximumLineLength = 1024 * 1024
    /// Nested arrays (Lua tables) deeper than this are refused rather than recursed into.
    public static let maximumDepth = 128

    public init() {}

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let value = try Self.parse(&buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(value))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }

    /// Reads one complete value from `buffer`, or returns nil (leaving `buffer` untouched) if it is incomplete.
    public static func parse(_ buffer: inout ByteBuffer) throws(RedisError) -> RESPValue? {
        var reader = buffer
        guard let value = try parseValue(&reader, depth: 0) else { return nil }
        buffer.moveReaderIndex(to: reader.readerIndex)
        return value
    }

    private static func parseValue(_ buffer: inout ByteBuffer, depth: Int) throws(RedisError) -> RESPValue? {
        guard let type: UInt8 = buffer.readInteger() else { return nil }
        switch type {
        case UInt8(ascii: "+"):
            return try readLine(&buffer).map { .simpleString($0) }
        case UInt8(ascii: "-"):
            return try readLine(&buffer).map { .error(.server(String(buffer: $0))) }
        case UInt8(ascii: ":"):
            guard let line = try readLine(&buffer) else { return nil }
            return .integer(try parseInteger(line, what: "integer"))
        case UInt8(ascii: "$"):
            return try parseBulkString(&buffer)
        case UInt8(ascii: "*"):
            return try parseArray(&buffer, depth: depth)
        default:
            throw .protocolViolation("unknown RESP type byte 0x\(String(type, radix: 16))")
        }
    }

    private static func parseBulkString(_ buffer: inout ByteBuffer) throws(RedisError) -> RESPValue? {
        guard let line = try readLine(&buffer) else { return nil }
        let length = try parseInteger(line, what: "bulk string length")
        if length == -1 { return .bulkString(nil) }
        guard length >= 0, length <= maximumBulkLength else {
            throw .protocolViolation("bulk string length \(length) is out of range")
        }
        let count = Int(length)
        guard buffer.readableBytes >= count + 2 else { return nil }
        let payload = buffer.readSlice(length: count)!
        guard buffer.readInteger(as: UInt16.self) == 0x0D0A else {
            throw .protocolViolation("bulk string of \(count) bytes is not followed by CRLF")
        }
        return .bulkString(payload)
    }

    private static func parseArray(_ buffer: inout ByteBuffer, depth: Int) throws(RedisError) -> RESPValue? {
        guard let line = try readLine(&buffer) else { return nil }
        let count = try parseInteger(line, what: "array length")
        if count == -1 { return .array(nil) }
        guard count >= 0, count <= Int64(Int32.max) else {
            throw .protocolViolation("array length \(count) is out of range")
        }
        guard depth < maximumDepth else {
            throw .protocolViolation("arrays nested deeper than \(maximumDepth)")
        }
        // Every element takes at least 3 bytes ("+\r\n"): a big array still arriving is spotted without parsing it.
        guard Int(count) * 3 <= buffer.readableBytes else { return nil }
        var values: [RESPValue] = []
        values.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let value = try parseValue(&buffer, depth: depth + 1) else { return nil }
            values.append(value)
        }
        return .array(values)
    }

    /// The bytes up to CRLF (consumed), or nil if no CRLF has arrived yet.
    private static func readLine(_ buffer: inout ByteBuffer) throws(RedisError) -> ByteBuffer? {
        let view = buffer.readableBytesView
        guard let carriageReturn = view.firstIndex(of: UInt8(ascii: "\r")) else {
            if view.count > maximumLineLength {
                throw .protocolViolation("line longer than \(maximumLineLength) bytes without CRLF")
            }
            return nil
        }
        let lineFeed = view.index(after: carriageReturn)
        guard lineFeed < view.endIndex else { return nil }
        guard view[lineFeed] == UInt8(ascii: "\n") else {
            throw .protocolViolation("CR not followed by LF")
        }
        let line = buffer.readSlice(length: carriageReturn - view.startIndex)!
        buffer.moveReaderIndex(forwardBy: 2)
        return line
    }

    /// Decimal digits with an optional minus sign, as RESP writes them; anything else is a protocol violation.
    private static func parseInteger(_ line: ByteBuffer, what: String) throws(RedisError) -> Int64 {
        let bytes = line.readableBytesView
        var index = bytes.startIndex
        var negative = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index = bytes.index(after: index)
        }
        guard index < bytes.endIndex, bytes.endIndex - index <= 19 else {
            throw .protocolViolation("\(what) is not a valid integer")
        }
        var magnitude: UInt64 = 0
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw .protocolViolation("\(what) is not a valid integer")
            }
            magnitude = magnitude * 10 + UInt64(byte - UInt8(ascii: "0"))
            index = bytes.index(after: index)
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw .protocolViolation("\(what) overflows 64 bits") }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw .protocolViolation("\(what) overflows 64 bits") }
        return Int64(magnitude)
    }
}
