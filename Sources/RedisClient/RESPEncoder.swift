import NIOCore

/// Writes requests to the wire. Each `RedisCommand` is already a complete RESP2 frame, so encoding is
/// one copy; several writes followed by one flush leave as a single pipelined batch.
public struct RESPEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = RedisCommand

    public init() {}

    public func encode(data: RedisCommand, out: inout ByteBuffer) throws {
        out.writeImmutableBuffer(data.frame)
    }
}
