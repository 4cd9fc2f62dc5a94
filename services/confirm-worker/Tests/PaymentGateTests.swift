import AWSClient
import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import Ticketing

/// Issue 13's payment gate on the real servers: an order is confirmed only after a signed
/// approval; a commit that comes first waits parked in PostgreSQL (not in the queue); a decline
/// or no approval before the intent expires rejects it and frees the seats in PostgreSQL, Redis
/// and DynamoDB; a late approval is refund-due; the database refuses any unpaid sale.
@Suite struct PaymentGateTests {
    /// Runs a worker (consumer and payment sweep), public-api and confirm-api for `body`.
    static func withFlow(intentTTLSeconds: Int = 120,
                         _ body: @Sendable (ConfirmStack, String, any TestClientProtocol, any TestClientProtocol) async throws -> Void)
        async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        let worker = stack.worker(queue: queue)
        let consuming = Task { try await worker.consumer.run() }
        let sweeping = Task { try await worker.paymentSweep.run() }
        defer { consuming.cancel(); sweeping.cancel() }
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue, intentTTLSeconds: intentTTLSeconds).router())
                .test(.router) { client in
                    try await body(stack, queue, publicClient, client)
                }
        }
    }

    /// Holds, prices and commits the seats without paying; returns once the worker parked it.
    static func parkedCommit(_ stack: ConfirmStack, _ publicClient: some TestClientProtocol,
                             _ client: some TestClientProtocol, user: String, seats: [String])
        async throws -> (intent: PaymentIntentResponse, idem: String) {
        let intent = try await FlowSteps.heldIntent(public: publicClient, confirm: client, userId: user,
                                                    eventId: "evt-0003", seatIds: seats)
        let idem = "commit-" + UUID().uuidString
        let accepted = try await FlowSteps.commit(client, key: idem, intentId: intent.intentId, userId: user,
                                                  eventId: "evt-0003", seatIds: seats)
        #expect(accepted.status == .accepted)
        try await FlowSteps.waitUntil("the unpaid commit to be parked") {
            try await stack.count("SELECT count(*) FROM awaiting_payment WHERE idem = \(idem)") == 1
        }
        return (intent, idem)
    }

    static func soldCount(_ stack: ConfirmStack, _ seats: [String]) async throws -> Int {
        try await stack.count("""
            SELECT count(*) FROM seats WHERE event_id = 'evt-0003' AND seat_id = ANY(\(seats)) AND state = 'sold'
            """)
    }

    /// The seats are free again in every store: no active hold in PostgreSQL, no Redis key, no lock item.
    static func expectFreedEverywhere(_ stack: ConfirmStack, _ seats: [String]) async throws {
        #expect(try await stack.count("""
            SELECT count(*) FROM seats WHERE event_id = 'evt-0003' AND seat_id = ANY(\(seats)) AND state = 'available'
            """) == seats.count)
        #expect(try await stack.count("""
            SELECT count(*) FROM holds WHERE event_id = 'evt-0003' AND seat_id = ANY(\(seats)) AND status = 'active'
            """) == 0)
        try await FlowSteps.waitUntil("the freed holds to leave Redis and DynamoDB", timeout: .seconds(10)) {
            for seat in seats {
                if try await stack.redis.get(SeatHoldKeys.redisKey(eventId: "evt-0003", seatId: seat)) != nil { return false }
                if try await SeatLockProbe.holdId(stack, eventId: "evt-0003", seatId: seat) != nil { return false }
            }
            return true
        }
    }

    @Test func commitBeforeApprovalWaitsParkedThenTheApprovalConfirmsIt() async throws {
        try await Self.withFlow { stack, queue, publicClient, client in
            let seats = ["S01-00001", "S01-00002"]
            let (intent, idem) = try await Self.parkedCommit(stack, publicClient, client, user: "u-gate-ok", seats: seats)
            // Waiting costs no queue traffic: the message is gone, nothing in flight, no order yet.
            // (The worker deletes the message just after the parking transaction commits.)
            try await FlowSteps.waitUntil("the parked commit's message to leave the queue", timeout: .seconds(10)) {
                let attributes = try await stack.sqs.getQueueAttributes(queueUrl: queue, names: [
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])
                return attributes["ApproximateNumberOfMessages"] == "0" && attributes["ApproximateNumberOfMessagesNotVisible"] == "0"
            }
            try await Task.sleep(for: .seconds(1))
            let waiting = try await client.execute(uri: CommitAccepted.statusPath(idem: idem), method: .get)
            let pending = try FlowSteps.decode(OrderStatusResponse.self, waiting)
            #expect(pending.order.status == .pending)
            #expect(pending.payment?.status == .pending)
            #expect(try await Self.soldCount(stack, seats) == 0)

            let approved = try await FlowSteps.paymentCallback(client, intent: intent, outcome: "approved",
                                                               secret: stack.webhookSecret)
            #expect(approved.status == .ok)
            let status = try await FlowSteps.decidedStatus(client, idem: idem)
            #expect(status.order.status == .confirmed)
            #expect(status.payment?.status == .approved)
            #expect(try await Self.soldCount(stack, seats) == 2)
            #expect(try await stack.count("SELECT count(*) FROM awaiting_payment WHERE idem = \(idem)") == 0)
        }
    }

    @Test func declineRejectsTheParkedCommitAndFreesTheSeatsInEveryStore() async throws {
        try await Self.withFlow { stack, _, publicClient, client in
            let seats = ["S01-00003", "S02-00003"]
            let (intent, idem) = try await Self.parkedCommit(stack, publicClient, client, user: "u-gate-no", seats: seats)
            let declined = try await FlowSteps.paymentCallback(client, intent: intent, outcome: "declined",
                                                               secret: stack.webhookSecret)
            #expect(declined.status == .ok)
            let status = try await FlowSteps.decidedStatus(client, idem: idem)
            #expect(status.order.status == .rejected)
            #expect(status.order.reason == .paymentDeclined)
            #expect(status.payment?.status == .declined)
            try await Self.expectFreedEverywhere(stack, seats)
        }
    }

    @Test func noApprovalBeforeExpiryRejectsAndALateApprovalIsRefundDue() async throws {
        try await Self.withFlow(intentTTLSeconds: 2) { stack, _, publicClient, client in
            let seats = ["S01-00004"]
            let (intent, idem) = try await Self.parkedCommit(stack, publicClient, client, user: "u-gate-late", seats: seats)
            let status = try await FlowSteps.decidedStatus(client, idem: idem, timeout: .seconds(15))
            #expect(status.order.status == .rejected)
            #expect(status.order.reason == .paymentNotApproved)
            try await Self.expectFreedEverywhere(stack, seats)

            let late = try await FlowSteps.paymentCallback(client, intent: intent, outcome: "approved",
                                                           secret: stack.webhookSecret)
            #expect(late.status == .ok)
            #expect(try FlowSteps.decode(PaymentCallbackResponse.self, late).paymentStatus == .refundDue)
            let after = try await client.execute(uri: CommitAccepted.statusPath(idem: idem), method: .get)
            let shown = try FlowSteps.decode(OrderStatusResponse.self, after)
            #expect(shown.order.status == .rejected)
            #expect(shown.payment?.status == .refundDue)
            #expect(try await Self.soldCount(stack, seats) == 0)
        }
    }

    /// The schema itself refuses a confirmed order or a sold seat without an approved payment,
    /// whatever a future bug in the worker (or a hand-written statement) tries.
    @Test func theDatabaseRefusesASaleWithoutAnApprovedPayment() async throws {
        try await Self.withFlow { stack, _, publicClient, client in
            let seat = "S02-00005"
            let intent = try await FlowSteps.heldIntent(public: publicClient, confirm: client, userId: "u-gate-db",
                                                        eventId: "evt-0003", seatIds: [seat])
            let intentId = try #require(UUID(uuidString: intent.intentId))
            let orderId = UUID()
            await #expect(throws: PSQLError.self) {
                try await stack.postgres.query("""
                    INSERT INTO orders (order_id, idem, intent_id, event_id, user_id, seat_ids, status)
                    VALUES (\(orderId), \("db-gate-" + orderId.uuidString), \(intentId), 'evt-0003', 'u-gate-db',
                            \([seat]), 'confirmed')
                    """, logger: stack.logger)
            }
            await #expect(throws: PSQLError.self) {
                try await stack.postgres.query("""
                    UPDATE seats SET state = 'sold' WHERE event_id = 'evt-0003' AND seat_id = \(seat)
                    """, logger: stack.logger)
            }
            #expect(try await Self.soldCount(stack, [seat]) == 0)
            #expect(try await stack.count("SELECT count(*) FROM orders WHERE order_id = \(orderId)") == 0)
        }
    }
}
