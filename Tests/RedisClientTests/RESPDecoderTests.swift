import NIOCore
import NIOEmbedded
import Testing
@testable import RedisClient

@Suite("RESP2 decoder")
struct RESPDecoderTests {
    /// Feeds `chunks` through a real ByteToMessageHandler and collects every value it emits.
    private func decode(_ chunks: [ByteBuffer]) throws -> [RESPValue] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(RESPDecoder()))
        var values: [RESPValue] = []
        for chunk in chunks {
            try channel.writeInbound(chunk)
            while let value = try channel.readInbound(as: RESPValue.self) { values.append(value) }
        }
        _ = try channel.finish()
        return values
    }

    private func bytes(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test("each RESP2 type", arguments: [
        ("+OK\r\n", RESPValue.simpleString(ByteBuffer(string: "OK"))),
        ("-NOSCRIPT No matching script.\r\n", .error(RedisError(kind: .server, message: "NOSCRIPT No matching script."))),
        (":0\r\n", .integer(0)),
        (":-42\r\n", .integer(-42)),
        (":9223372036854775807\r\n", .integer(.max)),
        (":-9223372036854775808\r\n", .integer(.min)),
        ("$5\r\nhello\r\n", .bulkString(ByteBuffer(string: "hello"))),
        ("$0\r\n\r\n", .bulkString(ByteBuffer())),
        ("$-1\r\n", .bulkString(nil)),
        ("$4\r\na\r\nb\r\n", .bulkString(ByteBuffer(string: "a\r\nb"))),
        ("*0\r\n", .array([])),
        ("*-1\r\n", .array(nil)),
        ("*3\r\n:1\r\n$-1\r\n*1\r\n+x\r\n", .array([.integer(1), .bulkString(nil), .array([.simpleString(ByteBuffer(string: "x"))])])),
    ])
    func decodesType(wire: String, expected: RESPValue) throws {
        #expect(try decode([bytes(wire)]) == [expected])
    }

    @Test("server error code is the first word")
    func errorCode() throws {
        let values = try decode([bytes("-WRONGPASS invalid username-password pair or user is disabled.\r\n")])
        guard case .error(let error) = try #require(values.first) else {
            Issue.record("expected an error value")
            return
        }
        #expect(error.code == "WRONGPASS")
        #expect(error.kind == .server)
    }

    @Test("any split of the stream, down to single bytes, gives the same values")
    func partialFrames() throws {
        let wire = "*2\r\n$3\r\nfoo\r\n*2\r\n:7\r\n$-1\r\n+PONG\r\n-ERR bad\r\n:12345\r\n$10\r\n0123456789\r\n*-1\r\n"
        let whole = try decode([bytes(wire)])
        #expect(whole.count == 6)
        let oneByteAtATime = try decode(Array(wire.utf8).map { ByteBuffer(bytes: [$0]) })
        #expect(oneByteAtATime == whole)
        for split in 1..<wire.utf8.count {
            let utf8 = Array(wire.utf8)
            let halves = [ByteBuffer(bytes: utf8[..<split]), ByteBuffer(bytes: utf8[split...])]
            #expect(try decode(halves) == whole, "split at \(split)")
        }
    }

    @Test("a 5 MiB bulk string arriving in 64 KiB reads")
    func largeValue() throws {
        let payload = binaryValue(size: 5 * 1024 * 1024 + 1)
        var wire = ByteBuffer()
        RESPValue.bulkString(payload).write(to: &wire)
        RESPValue.integer(1).write(to: &wire)
        var chunks: [ByteBuffer] = []
        while wire.readableBytes > 0 {
            chunks.append(wire.readSlice(length: min(65536, wire.readableBytes))!)
        }
        #expect(try decode(chunks) == [.bulkString(payload), .integer(1)])
    }

    @Test("an incomplete frame is left in the buffer untouched")
    func incompleteLeavesBuffer() throws {
        var buffer = bytes("*2\r\n$3\r\nfoo\r\n$3\r\nba")
        #expect(try RESPDecoder.parse(&buffer) == nil)
        #expect(buffer.readableBytes == 19)
        buffer.writeString("r\r\n")
        #expect(try RESPDecoder.parse(&buffer) == .array([.bulkString(bytes("foo")), .bulkString(bytes("bar"))]))
        #expect(buffer.readableBytes == 0)
    }

    @Test("malformed input is a protocol violation", arguments: [
        "?what\r\n",
        ":12a\r\n",
        ":\r\n",
        "$-2\r\n",
        "$3\r\nabcd\r\n",
        "*-5\r\n",
        "+OK\rX",
        ":99999999999999999999\r\n",
        "$536870913\r\n",
    ])
    func malformed(wire: String) throws {
        var buffer = bytes(wire)
        #expect {
            _ = try RESPDecoder.parse(&buffer)
        } throws: { error in
            (error as? RedisError)?.kind == .protocolViolation
        }
    }

    @Test("a line that never ends is refused instead of buffered forever")
    func unboundedLine() throws {
        var buffer = ByteBuffer()
        buffer.writeString("+")
        buffer.writeRepeatingByte(UInt8(ascii: "a"), count: RESPDecoder.maximumLineLength + 1)
        #expect(throws: RedisError.self) { _ = try RESPDecoder.parse(&buffer) }
    }

    @Test("nesting beyond the depth limit is refused")
    func depthLimit() throws {
        var buffer = ByteBuffer()
        for _ in 0...RESPDecoder.maximumDepth { buffer.writeString("*1\r\n") }
        buffer.writeString(":1\r\n")
        #expect(throws: RedisError.self) { _ = try RESPDecoder.parse(&buffer) }
    }

    @Test("a decoder error closes the channel")
    func errorClosesChannel() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(RESPDecoder()))
        #expect(throws: RedisError.self) { try channel.writeInbound(ByteBuffer(string: "!bad\r\n")) }
    }
}
