/// Lua scripting.
extension RedisCommandExecutor {
    /// EVAL: sends the source (the server also caches it under its SHA1).
    public func eval(_ source: String, keys: [String] = [], arguments: [RedisArgument] = []) async throws -> RESPValue {
        try await send(RedisCommand("EVAL", Self.scriptArguments(.string(source), keys, arguments)))
    }

    /// EVALSHA: fails with code NOSCRIPT if the server does not have the script.
    public func evalsha(_ sha1: String, keys: [String] = [], arguments: [RedisArgument] = []) async throws -> RESPValue {
        try await send(RedisCommand("EVALSHA", Self.scriptArguments(.string(sha1), keys, arguments)))
    }

    /// EVALSHA, and on NOSCRIPT (after a restart, failover or SCRIPT FLUSH) EVAL, which loads it again.
    public func run(_ script: RedisScript, keys: [String] = [], arguments: [RedisArgument] = []) async throws -> RESPValue {
        do {
            return try await evalsha(script.sha1, keys: keys, arguments: arguments)
        } catch let error as RedisError where error.code == "NOSCRIPT" {
            return try await eval(script.source, keys: keys, arguments: arguments)
        }
    }

    /// Deletes `key` only if its value is `token`, atomically; true if it was deleted.
    /// This is how a hold or lock is released by its owner only.
    public func compareAndDelete(_ key: String, token: String) async throws -> Bool {
        let reply = try await run(.compareAndDelete, keys: [key], arguments: [.string(token)])
        guard case .integer(let deleted) = reply else { throw RedisError.unexpectedReply("compare-and-delete", reply) }
        return deleted == 1
    }

    private static func scriptArguments(_ script: RedisArgument, _ keys: [String], _ arguments: [RedisArgument]) -> [RedisArgument] {
        var all: [RedisArgument] = [script, .integer(keys.count)]
        all.reserveCapacity(2 + keys.count + arguments.count)
        all += keys.map { .string($0) }
        all += arguments
        return all
    }
}
