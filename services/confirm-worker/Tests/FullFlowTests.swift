import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Testing
import Ticketing

/// The seed's flow end to end on the real servers: hold → intent → approval callback → commit
/// → worker → status confirmed; the seats are sold and the consumed holds are gone from Redis
/// and DynamoDB.
@Suite struct FullFlowTests {
    @Test func intentCommitWorkerConfirmed() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        let worker = stack.worker(queue: queue)
        let consuming = Task { try await worker.consumer.run() }
        defer { consuming.cancel() }
        let seats = ["S01-00001", "S01-00002"]
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                let holds = try await FlowSteps.hold(publicClient, userId: "u-flow", eventId: "evt-0002", seatIds: seats)
                let key = "intent-" + UUID().uuidString
                let created = try await FlowSteps.createIntent(client, key: key, userId: "u-flow", eventId: "evt-0002",
                                                               seatIds: seats)
                #expect(created.status == .created)
                let intent = try FlowSteps.decode(PaymentIntentResponse.self, created)
                let replay = try await FlowSteps.createIntent(client, key: key, userId: "u-flow", eventId: "evt-0002",
                                                              seatIds: seats)
                #expect(replay.status == .ok)

                let callback = #"{"intentId":"\#(intent.intentId)","paymentRef":"ref-\#(UUID().uuidString.prefix(8))","outcome":"approved","amount":\#(intent.amount),"currency":"JPY"}"#
                let signature = PaymentSignature(secret: stack.webhookSecret).header(for: Data(callback.utf8), at: Date())
                let approved = try await client.execute(uri: "/confirm/payment-callback", method: .post,
                                                        headers: [.init(PaymentSignature.headerName)!: signature, .contentType: "application/json"],
                                                        body: ByteBuffer(string: callback))
                #expect(approved.status == .ok)

                let idem = "commit-" + UUID().uuidString
                let accepted = try await FlowSteps.commit(client, key: idem, intentId: intent.intentId,
                                                          userId: "u-flow", eventId: "evt-0002", seatIds: seats)
                #expect(accepted.status == .accepted)
                let location = try #require(accepted.headers[.location])

                var final: OrderStatusResponse?
                try await FlowSteps.waitUntil("the order to be decided") {
                    let status = try await client.execute(uri: location, method: .get)
                    let body = try FlowSteps.decode(OrderStatusResponse.self, status)
                    if body.order.status.isDecided { final = body }
                    return final != nil
                }
                let status = try #require(final)
                #expect(status.order.status == .confirmed)
                #expect(status.order.orderId != nil)
                #expect(status.order.reason == nil)
                #expect(status.payment?.status == .approved)
                #expect(status.payment?.amount == intent.amount)

                #expect(try await stack.count("""
                    SELECT count(*) FROM seats WHERE event_id = 'evt-0002' AND seat_id = ANY(\(seats)) AND state = 'sold'
                    """) == 2)
                #expect(try await stack.count("""
                    SELECT count(*) FROM holds WHERE event_id = 'evt-0002' AND seat_id = ANY(\(seats)) AND status = 'consumed'
                    """) == 2)
                #expect(try await stack.count("""
                    SELECT count(*) FROM payments WHERE order_id IS NOT NULL AND intent_id = \(UUID(uuidString: intent.intentId)!)
                    """) == 1)
                // The worker removes the consumed holds right after its transaction committed.
                try await FlowSteps.waitUntil("the consumed holds to leave Redis and DynamoDB", timeout: .seconds(10)) {
                    for seat in seats {
                        if try await stack.redis.get(SeatHoldKeys.redisKey(eventId: "evt-0002", seatId: seat)) != nil {
                            return false
                        }
                        if try await SeatLockProbe.holdId(stack, eventId: "evt-0002", seatId: seat) != nil { return false }
                    }
                    return true
                }
                #expect(holds.count == seats.count)
                let again = try await publicClient.execute(uri: "/public/summary/evt-0002/S01", method: .get)
                #expect(again.status == .ok)
            }
        }
    }
}
