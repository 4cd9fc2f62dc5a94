import ConfirmTestSupport
@testable import ConfirmWorker
import Foundation
import Logging
import PostgresNIO
import Testing
import Ticketing

/// A commit transaction meets a seat row locked by someone else for longer than lock_timeout:
/// it fails with lock_not_available (and is retried later) instead of waiting for the lock.
@Suite struct TransactionLimitsTests {
    @Test(.timeLimit(.minutes(1)))
    func commitGivesUpOnAStuckLock() async throws {
        let stack = try await ConfirmStack.get()
        let (eventId, seatId) = ("evt-0002", "S01-00012")
        let transaction = CommitTransaction(client: stack.postgres,
                                            limits: TransactionLimits(statementTimeoutMilliseconds: 5_000,
                                                                      lockTimeoutMilliseconds: 300),
                                            logger: stack.logger)
        let message = CommitMessage(idem: "limits-" + UUID().uuidString, payload: CommitPayload(
            intentId: UUID().uuidString.lowercased(), eventId: eventId, seatIds: [seatId], userId: "u-limits"))
        try await stack.postgres.withTransaction(logger: stack.logger) { connection in
            try await connection.query("SELECT 1 FROM seats WHERE event_id = \(eventId) AND seat_id = \(seatId) FOR UPDATE",
                                       logger: stack.logger)
            do {
                _ = try await transaction.run(message)
                Issue.record("the commit went through a held row lock")
            } catch let error as PSQLError {
                #expect(error.serverInfo?[.sqlState] == "55P03", "\(String(reflecting: error))")
            }
        }
        #expect(try await stack.count("SELECT count(*) FROM orders WHERE idem = \(message.idem)") == 0)
    }

    /// The limits are transaction-local: the pooled connection goes back with the server defaults.
    @Test func limitsEndWithTheTransaction() async throws {
        let stack = try await ConfirmStack.get()
        let limits = TransactionLimits(statementTimeoutMilliseconds: 4_321, lockTimeoutMilliseconds: 1_234)
        try await stack.postgres.withConnection { connection in
            let inside = try await connection.withTransaction(logger: stack.logger) { transaction in
                try await limits.apply(on: transaction, logger: stack.logger)
                return try await Self.settings(transaction, stack.logger)
            }
            #expect(inside == ["4321ms", "1234ms"])
            #expect(try await Self.settings(connection, stack.logger) == ["0", "0"])
        }
    }

    static func settings(_ connection: PostgresConnection, _ logger: Logger) async throws -> [String] {
        let rows = try await connection.query(
            "SELECT current_setting('statement_timeout'), current_setting('lock_timeout')", logger: logger)
        for try await (statement, lock) in rows.decode((String, String).self) { return [statement, lock] }
        return []
    }
}
