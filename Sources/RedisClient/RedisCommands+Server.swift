/// Connection-level commands.
extension RedisCommandExecutor {
    /// PING; returns the server's answer ("PONG", or `message` echoed back).
    @discardableResult
    public func ping(_ message: String? = nil) async throws -> String {
        let reply = try await send(RedisCommand("PING", message.map { [.string($0)] } ?? []))
        guard let text = reply.string else { throw RedisError.unexpectedReply("PING", reply) }
        return text
    }
}
