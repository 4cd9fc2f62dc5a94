import NIOCore

/// One request, encoded once into its RESP2 frame (an array of bulk strings) when it is built, so
/// sending it costs a single buffer copy and a pipeline of them is a single write.
///
/// `name` is kept for error messages; arguments are never kept in text form, since they may be secrets
/// (AUTH) or user data.
public struct RedisCommand: Sendable, CustomStringConvertible {
    public let name: String
    public let frame: ByteBuffer

    public init(_ name: String, _ arguments: [RedisArgument] = []) {
        self.name = name
        var frame = ByteBuffer()
        frame.reserveCapacity(16 + name.utf8.count + arguments.count * 16)
        frame.writeInteger(UInt8(ascii: "*"))
        frame.writeUnsignedDecimal(UInt64(arguments.count + 1))
        frame.writeCRLF()
        RedisArgument.string(name).writeBulk(to: &frame)
        for argument in arguments { argument.writeBulk(to: &frame) }
        self.frame = frame
    }

    /// A command from raw values (the generic `send`): bulk and simple strings as they are, integers in decimal.
    public init(values: [RESPValue]) throws(RedisError) {
        guard let first = values.first, let name = first.string else {
            throw RedisError(kind: .invalidCommand, message: "a command must start with its name as a string")
        }
        var arguments: [RedisArgument] = []
        arguments.reserveCapacity(values.count - 1)
        for (index, value) in values.dropFirst().enumerated() {
            switch value {
            case .bulkString(.some(let bytes)), .simpleString(let bytes): arguments.append(.bytes(bytes))
            case .integer(let number): arguments.append(.integer(Int(number)))
            default:
                throw RedisError(kind: .invalidCommand,
                                 message: "argument \(index + 1) of \(name) is \(value.typeName); only strings and integers can be sent")
            }
        }
        self.init(name, arguments)
    }

    public var description: String { "RedisCommand(\(name))" }
}

/// A request argument. Strings are written as UTF-8; integers in decimal, as Redis expects.
public enum RedisArgument: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case bytes(ByteBuffer)
    case integer(Int)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }

    func writeBulk(to buffer: inout ByteBuffer) {
        switch self {
        case .string(let text):
            buffer.writeInteger(UInt8(ascii: "$"))
            buffer.writeUnsignedDecimal(UInt64(text.utf8.count))
            buffer.writeCRLF()
            buffer.writeString(text)
            buffer.writeCRLF()
        case .bytes(let bytes):
            buffer.writeInteger(UInt8(ascii: "$"))
            buffer.writeUnsignedDecimal(UInt64(bytes.readableBytes))
            buffer.writeCRLF()
            buffer.writeImmutableBuffer(bytes)
            buffer.writeCRLF()
        case .integer(let number):
            // A decimal Int fits Swift's small-string storage: no allocation.
            RedisArgument.string(String(number)).writeBulk(to: &buffer)
        }
    }
}
