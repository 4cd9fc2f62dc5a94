import AWSClient
import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Testing
import Ticketing

/// A commit that fails on every receive (its seat row stays locked past lock_timeout) is
/// recorded `rejected / processing-failed`, visible in /confirm/status, before the redrive
/// policy moves it to the DLQ; moved back (redrive), it is decided again: still unpaid, it is
/// parked and its status is `pending` again (not the stale processing-failed), and the
/// payment's approval then confirms it.
@Suite struct ProcessingFailedTests {
    @Test(.timeLimit(.minutes(2)))
    func lastReceiveRecordsProcessingFailedAndARedriveDecidesAgain() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, dlq) = try await stack.makeQueues(maxReceiveCount: 2, visibilitySeconds: 2)
        let (eventId, seatId, user) = ("evt-0002", "S01-00013", "u-dead-letter")
        let idem = "commit-" + UUID().uuidString
        let confirmAPI = stack.confirmAPI(queue: queue)
        let intent = try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: confirmAPI.router()).test(.router) { client in
                let intent = try await FlowSteps.heldIntent(public: publicClient, confirm: client, userId: user,
                                                            eventId: eventId, seatIds: [seatId])
                let accepted = try await FlowSteps.commit(client, key: idem, intentId: intent.intentId, userId: user,
                                                          eventId: eventId, seatIds: [seatId])
                #expect(accepted.status == .accepted)
                return intent
            }
        }
        func status() async throws -> OrderStatusResponse? {
            try await Application(router: confirmAPI.router()).test(.router) { client in
                let response = try await client.execute(uri: "/confirm/status?idem=\(idem)", method: .get)
                return response.status == .ok ? try FlowSteps.decode(OrderStatusResponse.self, response) : nil
            }
        }

        let worker = stack.worker(queue: queue)
        let consuming = Task { try await worker.consumer.run() }
        defer { consuming.cancel() }
        var dead: [SQS.ReceivedMessage] = []
        try await stack.postgres.withTransaction(logger: stack.logger) { connection in
            try await connection.query("SELECT 1 FROM seats WHERE event_id = \(eventId) AND seat_id = \(seatId) FOR UPDATE",
                                       logger: stack.logger)
            try await FlowSteps.waitUntil("status to say processing-failed", timeout: .seconds(60)) {
                try await status()?.order.reason == .processingFailed
            }
            #expect(try await status()?.order.status == .rejected)
            try await FlowSteps.waitUntil("the commit in the DLQ", timeout: .seconds(30)) {
                dead += try await stack.sqs.receiveMessages(queueUrl: dlq, maxMessages: 10, waitTimeSeconds: 1)
                return !dead.isEmpty
            }
        }
        // The operator's redrive: back onto the queue. (The local AWS answers DeleteMessage of a
        // dead-lettered message with HTTP 500, so it stays in this test's own DLQ.)
        for message in dead {
            try await stack.sqs.sendMessage(queueUrl: queue, body: message.body, groupId: eventId,
                                            deduplicationId: "redrive-" + UUID().uuidString)
        }
        try await FlowSteps.waitUntil("the redriven, unpaid commit to be parked", timeout: .seconds(30)) {
            try await stack.count("SELECT count(*) FROM awaiting_payment WHERE idem = \(idem)") == 1
        }
        let parked = try await status()
        #expect(parked?.order.status == .pending)
        #expect(parked?.order.reason == nil)
        try await Application(router: confirmAPI.router()).test(.router) { client in
            let approved = try await FlowSteps.paymentCallback(client, intent: intent, outcome: "approved",
                                                               secret: ConfirmStack.webhookSecretValue)
            #expect(approved.status == .ok)
        }
        try await FlowSteps.waitUntil("the redriven commit to be confirmed", timeout: .seconds(30)) {
            try await status()?.order.status == .confirmed
        }
        #expect(try await stack.count("SELECT count(*) FROM order_seats WHERE event_id = \(eventId) AND seat_id = \(seatId)") == 1)
    }
}
