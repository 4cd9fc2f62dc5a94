import NIOCore

/// One RESP2 value, as the server sends it.
///
/// Bulk strings stay `ByteBuffer`s (binary-safe, no copy out of the read buffer); `nil` payloads are
/// RESP2's null bulk string (`$-1`) and null array (`*-1`).
public enum RESPValue: Sendable, Hashable {
    case simpleString(ByteBuffer)
    case error(RedisError)
    case integer(Int64)
    case bulkString(ByteBuffer?)
    case array([RESPValue]?)

    /// Bulk or simple string as UTF-8 text; nil for null and non-string values.
    public var string: String? {
        switch self {
        case .simpleString(let buffer), .bulkString(.some(let buffer)):
            return String(buffer: buffer)
        default:
            return nil
        }
    }

    /// Integer replies, and bulk/simple strings holding a decimal integer (as GET on a counter returns).
    public var integer: Int64? {
        switch self {
        case .integer(let value): return value
        case .simpleString, .bulkString: return string.flatMap { Int64($0) }
        default: return nil
        }
    }

    /// Bulk or simple string bytes; nil for null and non-string values.
    public var bytes: ByteBuffer? {
        switch self {
        case .simpleString(let buffer), .bulkString(.some(let buffer)): return buffer
        default: return nil
        }
    }

    public var array: [RESPValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// True for the null bulk string and the null array.
    public var isNull: Bool {
        switch self {
        case .bulkString(nil), .array(nil): return true
        default: return false
        }
    }

    /// A short name for error messages, never the value itself (it may be a secret).
    var typeName: String {
        switch self {
        case .simpleString: return "a simple string"
        case .error: return "an error"
        case .integer: return "an integer"
        case .bulkString(nil): return "a null bulk string"
        case .bulkString: return "a bulk string"
        case .array(nil): return "a null array"
        case .array: return "an array"
        }
    }

    /// Writes this value in RESP2 form (what a server sends; requests are `RedisCommand`s).
    public func write(to buffer: inout ByteBuffer) {
        switch self {
        case .simpleString(let value):
            buffer.writeInteger(UInt8(ascii: "+"))
            buffer.writeImmutableBuffer(value)
            buffer.writeCRLF()
        case .error(let error):
            buffer.writeInteger(UInt8(ascii: "-"))
            buffer.writeString(error.message)
            buffer.writeCRLF()
        case .integer(let value):
            buffer.writeInteger(UInt8(ascii: ":"))
            buffer.writeDecimal(value)
            buffer.writeCRLF()
        case .bulkString(nil):
            buffer.writeStaticString("$-1\r\n")
        case .bulkString(.some(let value)):
            buffer.writeInteger(UInt8(ascii: "$"))
            buffer.writeDecimal(Int64(value.readableBytes))
            buffer.writeCRLF()
            buffer.writeImmutableBuffer(value)
            buffer.writeCRLF()
        case .array(nil):
            buffer.writeStaticString("*-1\r\n")
        case .array(.some(let values)):
            buffer.writeInteger(UInt8(ascii: "*"))
            buffer.writeDecimal(Int64(values.count))
            buffer.writeCRLF()
            for value in values { value.write(to: &buffer) }
        }
    }
}

extension RESPValue: ExpressibleByStringLiteral {
    /// A bulk string, the form every request argument takes.
    public init(stringLiteral value: String) {
        self = .bulkString(ByteBuffer(string: value))
    }
}

extension ByteBuffer {
    mutating func writeCRLF() {
        self.writeInteger(UInt16(0x0D0A))  // "\r\n", big-endian by default
    }

    /// ASCII decimal without going through String.
    mutating func writeDecimal(_ value: Int64) {
        if value < 0 {
            self.writeInteger(UInt8(ascii: "-"))
            // -Int64.min overflows; its magnitude fits UInt64.
            self.writeUnsignedDecimal(UInt64(bitPattern: 0 &- value))
        } else {
            self.writeUnsignedDecimal(UInt64(value))
        }
    }

    mutating func writeUnsignedDecimal(_ value: UInt64) {
        if value < 10 {
            self.writeInteger(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits = 0
        var rest = value
        while rest > 0 { digits += 1; rest /= 10 }
        self.writeWithUnsafeMutableBytes(minimumWritableBytes: digits) { pointer in
            var rest = value
            for index in stride(from: digits - 1, through: 0, by: -1) {
                pointer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return digits
        }
    }
}
