/// Every failure the client reports, so callers can `catch let error as RedisError` and switch on `kind`.
///
/// Server replies of the RESP error type keep the server's own text (`WRONGPASS …`, `NOSCRIPT …`);
/// `code` is its first word, which is what callers branch on. No message ever carries a secret:
/// AUTH arguments are never echoed by the server, and the client never puts arguments in messages.
public struct RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The server answered with an error reply.
        case server
        /// The bytes from the server were not valid RESP2 (or exceeded a safety limit).
        case protocolViolation
        /// TCP connect, TLS handshake, AUTH or SELECT did not succeed.
        case connectionFailed
        /// The connection closed (or was closed) before the reply arrived.
        case connectionClosed
        /// The whole connect (TCP + TLS + AUTH + SELECT) took longer than the connect timeout.
        case connectTimeout
        /// No reply within the command timeout; the connection is closed since later replies would be misaligned.
        case commandTimeout
        /// The reply had a type the typed command does not expect.
        case unexpectedReply
        /// The pool was shut down.
        case poolShutdown
        /// A command could not be built from the values given to the generic `send`.
        case invalidCommand
    }

    public let kind: Kind
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The first word of a server error (`WRONGPASS`, `NOSCRIPT`, `ERR`, `WRONGTYPE` …); nil for client-side errors.
    public var code: Substring? {
        guard kind == .server else { return nil }
        return message.split(separator: " ", maxSplits: 1).first
    }

    public var description: String {
        switch kind {
        case .server: return "redis server error: \(message)"
        case .protocolViolation: return "redis protocol violation: \(message)"
        case .connectionFailed: return "redis connection failed: \(message)"
        case .connectionClosed: return "redis connection closed: \(message)"
        case .connectTimeout: return "redis connect timed out: \(message)"
        case .commandTimeout: return "redis command timed out: \(message)"
        case .unexpectedReply: return "redis unexpected reply: \(message)"
        case .poolShutdown: return "redis pool shut down: \(message)"
        case .invalidCommand: return "redis invalid command: \(message)"
        }
    }

    static func server(_ message: String) -> RedisError { RedisError(kind: .server, message: message) }
    static func protocolViolation(_ message: String) -> RedisError { RedisError(kind: .protocolViolation, message: message) }
    static func connectionClosed(_ message: String) -> RedisError { RedisError(kind: .connectionClosed, message: message) }
    static func unexpectedReply(_ command: String, _ reply: RESPValue) -> RedisError {
        RedisError(kind: .unexpectedReply, message: "\(command) answered \(reply.typeName)")
    }
}
