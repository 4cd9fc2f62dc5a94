import NIOCore
import NIOEmbedded
import Testing
@testable import RedisClient

@Suite("RESP2 encoder and commands")
struct RESPEncoderTests {
    @Test("a command is an array of bulk strings")
    func commandFrame() {
        let command = RedisCommand("SET", ["key", .bytes(ByteBuffer(string: "va\r\nl")), "NX", "PX", 1500, -3])
        #expect(String(buffer: command.frame)
            == "*7\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nva\r\nl\r\n$2\r\nNX\r\n$2\r\nPX\r\n$4\r\n1500\r\n$2\r\n-3\r\n")
        #expect(String(buffer: RedisCommand("PING").frame) == "*1\r\n$4\r\nPING\r\n")
    }

    @Test("UTF-8 arguments are sized in bytes, not characters")
    func utf8Length() {
        #expect(String(buffer: RedisCommand("GET", ["座席"]).frame) == "*2\r\n$3\r\nGET\r\n$6\r\n座席\r\n")
    }

    @Test("the encoder handler writes the frames; several writes, one flush")
    func encoderHandler() throws {
        let channel = EmbeddedChannel(handler: MessageToByteHandler(RESPEncoder()))
        channel.write(RedisCommand("GET", ["a"]), promise: nil)
        channel.write(RedisCommand("GET", ["b"]), promise: nil)
        channel.flush()
        var written = ByteBuffer()
        while var part = try channel.readOutbound(as: ByteBuffer.self) { written.writeBuffer(&part) }
        #expect(String(buffer: written) == "*2\r\n$3\r\nGET\r\n$1\r\na\r\n*2\r\n$3\r\nGET\r\n$1\r\nb\r\n")
        _ = try channel.finish()
    }

    @Test("RESPValue.write and the decoder agree")
    func roundTrip() throws {
        let values: [RESPValue] = [
            .simpleString(ByteBuffer(string: "OK")), .integer(-1), .integer(.min), .bulkString(nil), .array(nil),
            .array([.bulkString(ByteBuffer(string: "")), .array([]), .error(RedisError(kind: .server, message: "ERR x"))]),
        ]
        var wire = ByteBuffer()
        for value in values { value.write(to: &wire) }
        var decoded: [RESPValue] = []
        while let value = try RESPDecoder.parse(&wire) { decoded.append(value) }
        #expect(decoded == values)
    }

    @Test("generic values become a command; arrays and nulls are refused")
    func commandFromValues() throws {
        let command = try RedisCommand(values: ["INCRBY", "counter", .integer(5)])
        #expect(String(buffer: command.frame) == "*3\r\n$6\r\nINCRBY\r\n$7\r\ncounter\r\n$1\r\n5\r\n")
        #expect(throws: RedisError.self) { _ = try RedisCommand(values: ["GET", .array([])]) }
        #expect(throws: RedisError.self) { _ = try RedisCommand(values: []) }
        #expect(throws: RedisError.self) { _ = try RedisCommand(values: [.bulkString(nil)]) }
    }

    @Test("command description names the command, never its arguments")
    func commandDescription() {
        #expect("\(RedisCommand("AUTH", ["hunter2"]))" == "RedisCommand(AUTH)")
    }
}
