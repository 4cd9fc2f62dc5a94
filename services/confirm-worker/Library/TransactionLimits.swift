import Logging
import PostgresNIO

/// The time limits every worker transaction runs under: `statement_timeout` bounds a query,
/// `lock_timeout` bounds a wait for a row lock, so one stuck lock (a hung session, a long manual
/// query) makes the commit fail and retry instead of stalling its event's message group.
/// `SET LOCAL`-scoped (set_config(…, true)): they end with the transaction, never leak into the
/// pooled connection.
public struct TransactionLimits: Sendable, Hashable {
    public var statementTimeoutMilliseconds: Int
    public var lockTimeoutMilliseconds: Int

    public init(statementTimeoutMilliseconds: Int = 5_000, lockTimeoutMilliseconds: Int = 2_000) {
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        self.lockTimeoutMilliseconds = lockTimeoutMilliseconds
    }

    /// Call first inside the transaction.
    func apply(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            SELECT set_config('statement_timeout', \(String(statementTimeoutMilliseconds)), true),
                   set_config('lock_timeout', \(String(lockTimeoutMilliseconds)), true)
            """, logger: logger)
    }
}
