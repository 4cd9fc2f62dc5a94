/// Key lifetime commands.
extension RedisCommandExecutor {
    /// EXPIRE; false if the key does not exist.
    @discardableResult
    public func expire(_ key: String, seconds: Int) async throws -> Bool {
        try await integer(RedisCommand("EXPIRE", [.string(key), .integer(seconds)])) == 1
    }

    /// PEXPIRE; false if the key does not exist.
    @discardableResult
    public func pexpire(_ key: String, milliseconds: Int) async throws -> Bool {
        try await integer(RedisCommand("PEXPIRE", [.string(key), .integer(milliseconds)])) == 1
    }

    /// TTL in seconds.
    public func ttl(_ key: String) async throws -> RedisTimeToLive {
        Self.timeToLive(try await integer(RedisCommand("TTL", [.string(key)])))
    }

    /// PTTL in milliseconds.
    public func pttl(_ key: String) async throws -> RedisTimeToLive {
        Self.timeToLive(try await integer(RedisCommand("PTTL", [.string(key)])))
    }

    private static func timeToLive(_ reply: Int) -> RedisTimeToLive {
        switch reply {
        case -2: return .keyDoesNotExist
        case -1: return .noExpiration
        default: return .expiresIn(Int64(reply))
        }
    }
}
