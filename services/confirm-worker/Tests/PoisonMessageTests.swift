import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Ticketing

/// Messages that can never succeed reach the DLQ through the queue's redrive policy, while the
/// good commits around them are confirmed.
@Suite struct PoisonMessageTests {
    @Test func poisonGoesToTheDLQAndTheRestProceed() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, dlq) = try await stack.makeQueues(maxReceiveCount: 2, visibilitySeconds: 2)
        let seats = ["S01-00010", "S01-00011"]
        let idems = try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                var idems: [String] = []
                for (index, seat) in seats.enumerated() {
                    if index == 1 {
                        // Between the good commits: garbage in the same group, and a message with a bad field.
                        try await stack.sqs.sendMessage(queueUrl: queue, body: "not json {", groupId: "evt-0003",
                                                        deduplicationId: "poison-" + UUID().uuidString)
                        let bad = #"{"idem":"x","payload":{"intentId":"no","eventId":"evt-0003","seatIds":[],"userId":"u"}}"#
                        try await stack.sqs.sendMessage(queueUrl: queue, body: bad, groupId: "other-group",
                                                        deduplicationId: "poison-" + UUID().uuidString)
                    }
                    let intent = try await FlowSteps.paidIntent(public: publicClient, confirm: client, userId: "u-poison",
                                                                eventId: "evt-0003", seatIds: [seat])
                    let idem = "commit-" + UUID().uuidString
                    let accepted = try await FlowSteps.commit(client, key: idem, intentId: intent.intentId,
                                                              userId: "u-poison", eventId: "evt-0003", seatIds: [seat])
                    #expect(accepted.status == .accepted)
                    idems.append(idem)
                }
                return idems
            }
        }
        let worker = stack.worker(queue: queue)
        let consuming = Task { try await worker.consumer.run() }
        defer { consuming.cancel() }
        try await FlowSteps.waitUntil("both good commits to be confirmed", timeout: .seconds(45)) {
            try await stack.count("SELECT count(*) FROM orders WHERE idem = ANY(\(idems)) AND status = 'confirmed'") == 2
        }
        var dead: [String] = []
        try await FlowSteps.waitUntil("both poison messages in the DLQ", timeout: .seconds(30)) {
            dead += try await stack.sqs.receiveMessages(queueUrl: dlq, maxMessages: 10, waitTimeSeconds: 1).map(\.body)
            return dead.count >= 2
        }
        #expect(dead.contains("not json {"))
        #expect(dead.count == 2)
        consuming.cancel()
        #expect(try await stack.sqs.receiveMessages(queueUrl: queue, maxMessages: 10, waitTimeSeconds: 0).isEmpty)
    }
}
