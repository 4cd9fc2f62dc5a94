/// What `RedisConnection` hands its command handler: one command, or a batch that must leave in
/// one write and whose replies come back as one array. The handler resumes the continuation
/// exactly once — with the reply, or with the `RedisError` that ended the wait.
enum RedisRequest: Sendable {
    case single(RedisCommand, CheckedContinuation<RESPValue, any Error>)
    case batch([RedisCommand], CheckedContinuation<[RESPValue], any Error>)

    func fail(_ error: RedisError) {
        switch self {
        case .single(_, let continuation): continuation.resume(throwing: error)
        case .batch(_, let continuation): continuation.resume(throwing: error)
        }
    }
}
