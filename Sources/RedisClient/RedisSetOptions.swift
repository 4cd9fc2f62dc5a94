/// When SET may write: always, only if the key is missing (NX — a lock or hold), or only if it exists (XX).
public enum RedisSetCondition: Sendable, Hashable {
    case always
    case ifNotExists
    case ifExists
}

/// How long a SET value lives: EX (seconds) or PX (milliseconds); nil in `set` keeps it forever.
public enum RedisExpiration: Sendable, Hashable {
    case seconds(Int)
    case milliseconds(Int)
}

/// A key's remaining life, as TTL/PTTL report it (they use -2 and -1 for the first two cases).
public enum RedisTimeToLive: Sendable, Hashable {
    case keyDoesNotExist
    case noExpiration
    /// Seconds for `ttl`, milliseconds for `pttl`.
    case expiresIn(Int64)
}
