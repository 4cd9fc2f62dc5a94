/// Hash commands.
extension RedisCommandExecutor {
    /// HGET; nil if the key or the field does not exist.
    public func hget(_ key: String, field: String) async throws -> String? {
        let reply = try await send(RedisCommand("HGET", [.string(key), .string(field)]))
        if reply.isNull { return nil }
        guard let text = reply.string else { throw RedisError.unexpectedReply("HGET", reply) }
        return text
    }

    /// HSET of several fields at once; returns how many fields were new.
    @discardableResult
    public func hset(_ key: String, fields: [(field: String, value: String)]) async throws -> Int {
        var arguments: [RedisArgument] = [.string(key)]
        arguments.reserveCapacity(1 + fields.count * 2)
        for (field, value) in fields { arguments += [.string(field), .string(value)] }
        return try await integer(RedisCommand("HSET", arguments))
    }

    @discardableResult
    public func hset(_ key: String, field: String, to value: String) async throws -> Int {
        try await hset(key, fields: [(field, value)])
    }

    /// HGETALL; empty if the key does not exist.
    public func hgetall(_ key: String) async throws -> [String: String] {
        let reply = try await send(RedisCommand("HGETALL", [.string(key)]))
        guard let values = reply.array, values.count % 2 == 0 else { throw RedisError.unexpectedReply("HGETALL", reply) }
        var result: [String: String] = [:]
        result.reserveCapacity(values.count / 2)
        var index = 0
        while index < values.count {
            guard let field = values[index].string, let value = values[index + 1].string else {
                throw RedisError.unexpectedReply("HGETALL", reply)
            }
            result[field] = value
            index += 2
        }
        return result
    }
}
