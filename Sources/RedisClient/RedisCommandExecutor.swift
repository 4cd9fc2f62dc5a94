/// Anything that can run commands: a single `RedisConnection` or a `RedisConnectionPool`.
/// The typed commands (GET, SET, EVALSHA …) are extensions on this protocol, so both get them.
public protocol RedisCommandExecutor: Sendable {
    /// One command; an error reply is thrown as `RedisError` of kind `.server`.
    func send(_ command: RedisCommand) async throws -> RESPValue
    /// Commands written together and answered in order; error replies come back in place as `.error`.
    func pipeline(_ commands: [RedisCommand]) async throws -> [RESPValue]
}

extension RedisCommandExecutor {
    /// The generic escape hatch: any command as raw values, e.g. `send(["CLIENT", "ID"])`.
    public func send(_ values: [RESPValue]) async throws -> RESPValue {
        try await send(RedisCommand(values: values))
    }
}
