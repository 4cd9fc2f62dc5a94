import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import Ticketing

/// Two commits racing for one seat, worked by two workers on two queues at the same moment, so
/// they meet only in PostgreSQL: one order is confirmed, the other rejected, the seat sold once.
@Suite struct CommitRaceTests {
    @Test(arguments: [false, true])
    func twoCommitsForOneSeatMakeOneOrderAndOneRejection(sameIntent: Bool) async throws {
        let stack = try await ConfirmStack.get()
        let (queueA, _) = try await stack.makeQueues()
        let (queueB, _) = try await stack.makeQueues()
        let seat = sameIntent ? "S02-00002" : "S02-00003"
        let user = "u-race-\(sameIntent)"
        let apiA = Application(router: stack.confirmAPI(queue: queueA).router())
        let apiB = Application(router: stack.confirmAPI(queue: queueB).router())
        let idems = try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await apiA.test(.router) { clientA in
                try await apiB.test(.router) { clientB in
                    var idems: [String] = []
                    _ = try await FlowSteps.hold(publicClient, userId: user, eventId: "evt-0002", seatIds: [seat])
                    let created = try await FlowSteps.createIntent(clientA, key: "intent-" + UUID().uuidString,
                                                                   userId: user, eventId: "evt-0002", seatIds: [seat])
                    #expect(created.status == .created)
                    let first = try FlowSteps.decode(PaymentIntentResponse.self, created)
                    let approved = try await FlowSteps.paymentCallback(clientA, intent: first, outcome: "approved",
                                                                       secret: stack.webhookSecret)
                    #expect(approved.status == .ok)
                    var intents = [first.intentId]
                    // The API allows one open intent per user and seats, so the rival paid intent
                    // (as two API versions could have made) is written straight into PostgreSQL.
                    if !sameIntent { intents.append(try await Self.paidRivalIntent(stack, of: first, user: user, eventId: "evt-0002", seats: [seat])) }
                    for (index, client) in [clientA, clientB].enumerated() {
                        let idem = "commit-" + UUID().uuidString
                        let accepted = try await FlowSteps.commit(client, key: idem, intentId: intents[min(index, intents.count - 1)],
                                                                  userId: user, eventId: "evt-0002", seatIds: [seat])
                        #expect(accepted.status == .accepted)
                        idems.append(idem)
                    }
                    return idems
                }
            }
        }
        let workers = [stack.worker(queue: queueA), stack.worker(queue: queueB)]
        let tasks = workers.map { worker in Task { try await worker.consumer.run() } }
        defer { tasks.forEach { $0.cancel() } }
        try await FlowSteps.waitUntil("both commits to be decided") {
            try await stack.count("SELECT count(*) FROM orders WHERE idem = ANY(\(idems))") == 2
        }
        #expect(try await stack.count("""
            SELECT count(*) FROM orders WHERE idem = ANY(\(idems)) AND status = 'confirmed'
            """) == 1)
        let reason = sameIntent ? RejectionReason.alreadyOrdered : .seatUnavailable
        #expect(try await stack.count("""
            SELECT count(*) FROM orders WHERE idem = ANY(\(idems)) AND status = 'rejected' AND reason = \(reason.rawValue)
            """) == 1)
        #expect(try await stack.count("""
            SELECT count(*) FROM order_seats WHERE event_id = 'evt-0002' AND seat_id = \(seat)
            """) == 1)
    }

    /// A paid intent of `user` for `seats` (priced as `first`), written straight into PostgreSQL.
    static func paidRivalIntent(_ stack: ConfirmStack, of first: PaymentIntentResponse, user: String,
                                eventId: String, seats: [String]) async throws -> String {
        let intentId = UUID()
        try await stack.postgres.query("""
            WITH intent AS (
                INSERT INTO payment_intents (intent_id, idempotency_key, request_fingerprint, user_id, event_id, seat_ids,
                                             amount_minor, currency, status, expires_at)
                VALUES (\(intentId), \("rival-" + intentId.uuidString), \(String(repeating: "0", count: 64)), \(user),
                        \(eventId), \(seats), \(first.amount), \(first.currency), 'approved', \(first.expiresAt))
                RETURNING intent_id, amount_minor, currency
            )
            INSERT INTO payments (payment_id, intent_id, amount_minor, currency, status)
            SELECT \(UUID()), intent_id, amount_minor, currency, 'approved' FROM intent
            """, logger: stack.logger)
        return intentId.uuidString.lowercased()
    }
}
