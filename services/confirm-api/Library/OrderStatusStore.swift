import FoundationEssentials
import Logging
import PostgresNIO
import Ticketing

/// `GET /confirm/status`: the commit behind a key, its order once the worker decided, and the
/// intent's payment, in one query. A commit without an order yet is `pending`.
struct OrderStatusStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// The status, or nil when no commit with this key was ever accepted or processed.
    func status(idem: String) async throws -> OrderStatusResponse? {
        let rows = try await client.query("""
            SELECT coalesce(c.intent_id, o.intent_id), coalesce(c.event_id, o.event_id), coalesce(c.user_id, o.user_id),
                   coalesce(c.seat_ids, o.seat_ids), o.order_id, o.status, o.reason, o.created_at,
                   p.payment_id, p.status, p.amount_minor, p.currency::text
            FROM (SELECT \(idem)::text AS idem) k
            LEFT JOIN commit_requests c ON c.idem = k.idem
            LEFT JOIN orders o ON o.idem = k.idem
            LEFT JOIN payments p ON p.intent_id = coalesce(c.intent_id, o.intent_id)
            WHERE c.idem IS NOT NULL OR o.idem IS NOT NULL
            """, logger: logger)
        typealias Row = (UUID?, String, String, [String], UUID?, String?, String?, Date?, UUID?, String?, Int64?, String?)
        for try await row in rows.decode(Row.self) {
            // An order whose intent never existed (a message not sent by this API) has no intent to show.
            guard let intentId = row.0 else { return nil }
            let intent = intentId.uuidString.lowercased()
            let order = OrderView(
                status: row.5.flatMap(OrderState.init(rawValue:)) ?? .pending,
                orderId: row.4?.uuidString.lowercased(), intentId: intent, eventId: row.1, userId: row.2,
                seatIds: row.3, reason: row.6.flatMap(RejectionReason.init(rawValue:)), updatedAt: row.7)
            var payment: PaymentView?
            if let paymentId = row.8, let state = row.9.flatMap(PaymentState.init(rawValue:)), let amount = row.10,
               let currency = row.11 {
                payment = PaymentView(paymentId: paymentId.uuidString.lowercased(), intentId: intent, status: state,
                                      amount: amount, currency: currency)
            }
            return OrderStatusResponse(idem: idem, order: order, payment: payment)
        }
        return nil
    }
}
