import FoundationEssentials
import Logging
import PostgresNIO
import Ticketing

/// One commit message as one short PostgreSQL transaction. Locks are taken in a fixed order
/// (the intent, then the seats sorted by id), so two commits for overlapping seats queue instead
/// of deadlocking; the decision itself is `CommitEvaluation`, a pure function of what was read
/// under those locks. The unique `orders.idem` makes a redelivered message a no-op, and the
/// `order_seats` primary key is the database's own guard against selling a seat twice.
/// Payment gate: an unpaid but otherwise valid commit is parked in `awaiting_payment` (no order
/// yet, status stays pending) and decided again when the payment is; a payment rejection frees
/// the user's holds on the seats; the schema's triggers refuse any sale without an approval.
/// A `processing-failed` rejection is not a decision: a redriven message decides it again.
struct CommitTransaction: Sendable {
    let client: PostgresClient
    let limits: TransactionLimits
    let logger: Logger

    func run(_ message: CommitMessage, now: Date = Date()) async throws -> CommitOutcome {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await limits.apply(on: connection, logger: logger)
                return try await decide(message, now: now, on: connection)
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error
        }
    }

    private func decide(_ message: CommitMessage, now: Date, on connection: PostgresConnection) async throws -> CommitOutcome {
        let payload = message.payload
        if let decided = try await decidedHolds(idem: message.idem, on: connection) {
            return .alreadyDecided(holds: decided)
        }
        let intentId = UUID(uuidString: payload.intentId)
        let intent = try await lockIntent(intentId, on: connection)
        let alreadyOrdered = try await intentHasConfirmedOrder(intentId, on: connection)
        let seats = try await lockSeats(eventId: payload.eventId, seatIds: payload.seatIds, now: now, on: connection)
        let verdict = CommitEvaluation.evaluate(payload: payload, intent: intent, seats: seats.snapshots,
                                                intentAlreadyOrdered: alreadyOrdered, now: now)
        if verdict == .awaitPayment, let intentId {
            try await connection.query("""
                INSERT INTO awaiting_payment (idem, intent_id, event_id, user_id, seat_ids)
                VALUES (\(message.idem), \(intentId), \(payload.eventId), \(payload.userId), \(payload.seatIds))
                ON CONFLICT (idem) DO NOTHING
                """, logger: logger)
            // A redriven commit that is now parked is pending again, no longer processing-failed.
            try await connection.query("""
                DELETE FROM orders WHERE idem = \(message.idem) AND reason = \(RejectionReason.processingFailed.rawValue)
                """, logger: logger)
            return .awaitingPayment
        }
        let newOrderId = UUID()
        let orderIntent: UUID? = intent == nil ? nil : intentId
        let status = verdict == .confirm ? OrderState.confirmed : OrderState.rejected
        let reason: String? = if case .reject(let why) = verdict { why.rawValue } else { nil }
        let inserted = try await connection.query("""
            INSERT INTO orders (order_id, idem, intent_id, event_id, user_id, seat_ids, status, reason)
            VALUES (\(newOrderId), \(message.idem), \(orderIntent), \(payload.eventId),
                    \(payload.userId), \(payload.seatIds), \(status.rawValue), \(reason))
            ON CONFLICT (idem) DO UPDATE SET intent_id = EXCLUDED.intent_id, status = EXCLUDED.status,
                                             reason = EXCLUDED.reason, created_at = now()
                WHERE orders.reason = \(RejectionReason.processingFailed.rawValue)
            RETURNING order_id
            """, logger: logger)
        var decidedOrder: UUID?
        for try await orderId in inserted.decode(UUID.self) { decidedOrder = orderId }
        // A twin delivery decided between our check and our insert: it wins, we changed nothing.
        guard let orderId = decidedOrder else { return .alreadyDecided(holds: try await decidedHolds(idem: message.idem, on: connection) ?? []) }
        try await connection.query("DELETE FROM awaiting_payment WHERE idem = \(message.idem)", logger: logger)

        guard case .confirm = verdict, let intentId else {
            guard case .reject(let why) = verdict else {
                return .rejected(orderId: orderId, reason: .intentNotFound, freed: [])
            }
            let freed = why == .paymentDeclined || why == .paymentNotApproved
                ? try await freeHolds(payload, on: connection) : []
            return .rejected(orderId: orderId, reason: why, freed: freed)
        }
        let holds = payload.seatIds.compactMap { seats.activeHolds[$0] }
        try await connection.query("""
            INSERT INTO order_seats (event_id, seat_id, order_id)
            SELECT \(payload.eventId), seat_id, \(orderId) FROM unnest(\(payload.seatIds)::text[]) AS seat_id
            """, logger: logger)
        try await connection.query("""
            UPDATE seats SET state = 'sold', version = version + 1, updated_at = now()
            WHERE event_id = \(payload.eventId) AND seat_id = ANY(\(payload.seatIds))
            """, logger: logger)
        try await connection.query("""
            UPDATE holds SET status = 'consumed' WHERE hold_id = ANY(\(holds.map(\.holdId)))
            """, logger: logger)
        try await connection.query("""
            UPDATE payments SET order_id = \(orderId), updated_at = now() WHERE intent_id = \(intentId)
            """, logger: logger)
        return .confirmed(orderId: orderId, holds: holds)
    }

    /// Records that the commit could not be processed on its last receive, so status answers
    /// `rejected / processing-failed` while the message sits in the dead-letter queue. Never
    /// overwrites a real decision. Whether it was recorded.
    func recordProcessingFailure(_ message: CommitMessage) async throws -> Bool {
        let payload = message.payload
        let intentId = UUID(uuidString: payload.intentId)
        return try await client.withTransaction(logger: logger) { connection in
            try await limits.apply(on: connection, logger: logger)
            let rows = try await connection.query("""
                INSERT INTO orders (order_id, idem, intent_id, event_id, user_id, seat_ids, status, reason)
                SELECT \(UUID()), \(message.idem), (SELECT intent_id FROM payment_intents WHERE intent_id = \(intentId)),
                       \(payload.eventId), \(payload.userId), \(payload.seatIds), \(OrderState.rejected.rawValue),
                       \(RejectionReason.processingFailed.rawValue)
                ON CONFLICT (idem) DO NOTHING
                RETURNING order_id
                """, logger: logger)
            var recorded = false
            for try await _ in rows { recorded = true }
            return recorded
        }
    }

    /// Ends the user's active holds on the payload's seats (expired by time or not) and makes
    /// those seats available again; the caller removes the same holds from Redis and DynamoDB.
    private func freeHolds(_ payload: CommitPayload, on connection: PostgresConnection) async throws -> [ConsumedHold] {
        let rows = try await connection.query("""
            WITH freed AS (
                UPDATE holds SET status = 'released'
                WHERE event_id = \(payload.eventId) AND seat_id = ANY(\(payload.seatIds))
                  AND user_id = \(payload.userId) AND status = 'active'
                RETURNING seat_id, hold_id
            ), seats_freed AS (
                UPDATE seats SET state = 'available', version = version + 1, updated_at = now()
                WHERE event_id = \(payload.eventId) AND state = 'held' AND seat_id IN (SELECT seat_id FROM freed)
            )
            SELECT seat_id, hold_id FROM freed
            """, logger: logger)
        var freed: [ConsumedHold] = []
        for try await (seatId, holdId) in rows.decode((String, UUID).self) {
            freed.append(ConsumedHold(seatId: seatId, holdId: holdId))
        }
        return freed
    }

    /// The holds a decided order consumed (empty for a rejection), or nil when `idem` is undecided.
    private func decidedHolds(idem: String, on connection: PostgresConnection) async throws -> [ConsumedHold]? {
        let orders = try await connection.query("""
            SELECT order_id, status FROM orders
            WHERE idem = \(idem) AND reason IS DISTINCT FROM \(RejectionReason.processingFailed.rawValue)
            """, logger: logger)
        var decided: (UUID, String)?
        for try await row in orders.decode((UUID, String).self) { decided = row }
        guard let (orderId, status) = decided else { return nil }
        guard status == OrderState.confirmed.rawValue else { return [] }
        let rows = try await connection.query("""
            SELECT h.seat_id, h.hold_id FROM orders o
            JOIN holds h ON h.event_id = o.event_id AND h.seat_id = ANY(o.seat_ids)
                        AND h.user_id = o.user_id AND h.status = 'consumed'
            WHERE o.order_id = \(orderId)
            """, logger: logger)
        var holds: [ConsumedHold] = []
        for try await (seatId, holdId) in rows.decode((String, UUID).self) {
            holds.append(ConsumedHold(seatId: seatId, holdId: holdId))
        }
        return holds
    }

    private func lockIntent(_ intentId: UUID?, on connection: PostgresConnection) async throws -> IntentSnapshot? {
        guard let intentId else { return nil }
        let rows = try await connection.query("""
            SELECT user_id, event_id, seat_ids, amount_minor, currency::text, status, expires_at
            FROM payment_intents WHERE intent_id = \(intentId) FOR UPDATE
            """, logger: logger)
        for try await (userId, eventId, seatIds, amount, currency, status, expiresAt)
            in rows.decode((String, String, [String], Int64, String, String, Date).self) {
            return IntentSnapshot(intentId: intentId.uuidString.lowercased(), userId: userId, eventId: eventId,
                                  seatIds: seatIds, amount: amount, currency: currency,
                                  status: PaymentState(rawValue: status) ?? .pending, expiresAt: expiresAt)
        }
        return nil
    }

    private func intentHasConfirmedOrder(_ intentId: UUID?, on connection: PostgresConnection) async throws -> Bool {
        guard let intentId else { return false }
        let rows = try await connection.query("""
            SELECT 1 FROM orders WHERE intent_id = \(intentId) AND status = 'confirmed'
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    /// The seats, row-locked in id order, with the user and id of each one's live hold.
    private func lockSeats(eventId: String, seatIds: [String], now: Date,
                           on connection: PostgresConnection) async throws
        -> (snapshots: [SeatSnapshot], activeHolds: [String: ConsumedHold]) {
        let seatRows = try await connection.query("""
            SELECT seat_id, state FROM seats
            WHERE event_id = \(eventId) AND seat_id = ANY(\(seatIds))
            ORDER BY seat_id FOR UPDATE
            """, logger: logger)
        var states: [(String, SeatState)] = []
        for try await (seatId, state) in seatRows.decode((String, String).self) {
            states.append((seatId, SeatState(rawValue: state) ?? .available))
        }
        let holdRows = try await connection.query("""
            SELECT seat_id, user_id, hold_id FROM holds
            WHERE event_id = \(eventId) AND seat_id = ANY(\(seatIds)) AND status = 'active' AND expires_at > \(now)
            """, logger: logger)
        var holders: [String: String] = [:]
        var holds: [String: ConsumedHold] = [:]
        for try await (seatId, userId, holdId) in holdRows.decode((String, String, UUID).self) {
            holders[seatId] = userId
            holds[seatId] = ConsumedHold(seatId: seatId, holdId: holdId)
        }
        let snapshots = states.map { SeatSnapshot(seatId: $0.0, state: $0.1, holderUserId: holders[$0.0]) }
        return (snapshots, holds)
    }
}
