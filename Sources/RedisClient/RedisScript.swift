import Crypto

/// A Lua script and its SHA1, which is how EVALSHA names it. Sending the digest instead of the
/// source saves bandwidth on every call; `run` falls back to EVAL when the server lacks it.
public struct RedisScript: Sendable, Hashable {
    public let source: String
    /// Lowercase hex SHA1 of `source`, as SCRIPT LOAD returns it.
    public let sha1: String

    public init(_ source: String) {
        self.source = source
        self.sha1 = Insecure.SHA1.hash(data: Array(source.utf8))
            .map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }
            .joined()
    }

    /// Deletes KEYS[1] only if its value equals ARGV[1]; returns 1 if it deleted, 0 otherwise.
    /// Releasing a lock or hold this way cannot delete one that expired and was taken by someone else.
    public static let compareAndDelete = RedisScript("""
        if redis.call("GET", KEYS[1]) == ARGV[1] then
            return redis.call("DEL", KEYS[1])
        end
        return 0
        """)
}
