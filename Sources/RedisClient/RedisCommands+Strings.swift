import NIOCore

/// String and counter commands.
extension RedisCommandExecutor {
    /// GET as text; nil if the key does not exist.
    public func get(_ key: String) async throws -> String? {
        let reply = try await send(RedisCommand("GET", [.string(key)]))
        if reply.isNull { return nil }
        guard let text = reply.string else { throw RedisError.unexpectedReply("GET", reply) }
        return text
    }

    /// GET as bytes, for binary values; nil if the key does not exist.
    public func getBytes(_ key: String) async throws -> ByteBuffer? {
        let reply = try await send(RedisCommand("GET", [.string(key)]))
        if reply.isNull { return nil }
        guard let bytes = reply.bytes else { throw RedisError.unexpectedReply("GET", reply) }
        return bytes
    }

    /// SET with NX/XX and EX/PX. Returns whether the value was written: with `.ifNotExists` exactly
    /// one of many concurrent callers gets `true`.
    @discardableResult
    public func set(_ key: String, to value: String, condition: RedisSetCondition = .always,
                    expiration: RedisExpiration? = nil) async throws -> Bool {
        try await set(key, argument: .string(value), condition: condition, expiration: expiration)
    }

    @discardableResult
    public func set(_ key: String, to value: ByteBuffer, condition: RedisSetCondition = .always,
                    expiration: RedisExpiration? = nil) async throws -> Bool {
        try await set(key, argument: .bytes(value), condition: condition, expiration: expiration)
    }

    private func set(_ key: String, argument: RedisArgument, condition: RedisSetCondition,
                     expiration: RedisExpiration?) async throws -> Bool {
        let reply = try await send(Self.setCommand(key, argument, condition, expiration))
        switch reply {
        case .simpleString: return true           // OK
        case .bulkString(nil): return false       // NX/XX condition not met
        default: throw RedisError.unexpectedReply("SET", reply)
        }
    }

    /// The SET command itself, for use in a `pipeline`.
    public static func setCommand(_ key: String, _ value: RedisArgument, _ condition: RedisSetCondition = .always,
                                  _ expiration: RedisExpiration? = nil) -> RedisCommand {
        var arguments: [RedisArgument] = [.string(key), value]
        switch condition {
        case .always: break
        case .ifNotExists: arguments.append("NX")
        case .ifExists: arguments.append("XX")
        }
        switch expiration {
        case nil: break
        case .seconds(let seconds): arguments += ["EX", .integer(seconds)]
        case .milliseconds(let milliseconds): arguments += ["PX", .integer(milliseconds)]
        }
        return RedisCommand("SET", arguments)
    }

    /// DEL; returns how many of the keys existed.
    @discardableResult
    public func delete(_ keys: [String]) async throws -> Int {
        try await integer(RedisCommand("DEL", keys.map { .string($0) }))
    }

    @discardableResult
    public func delete(_ keys: String...) async throws -> Int {
        try await delete(keys)
    }

    /// INCR; returns the new value (a missing key counts from 0).
    public func increment(_ key: String) async throws -> Int {
        try await integer(RedisCommand("INCR", [.string(key)]))
    }

    /// INCRBY; returns the new value.
    public func increment(_ key: String, by amount: Int) async throws -> Int {
        try await integer(RedisCommand("INCRBY", [.string(key), .integer(amount)]))
    }

    /// MGET; one entry per key, nil where the key does not exist.
    public func get(_ keys: [String]) async throws -> [String?] {
        let reply = try await send(RedisCommand("MGET", keys.map { .string($0) }))
        guard let values = reply.array, values.count == keys.count else { throw RedisError.unexpectedReply("MGET", reply) }
        return values.map { $0.string }
    }

    func integer(_ command: RedisCommand) async throws -> Int {
        let reply = try await send(command)
        guard case .integer(let value) = reply else { throw RedisError.unexpectedReply(command.name, reply) }
        return Int(value)
    }
}
