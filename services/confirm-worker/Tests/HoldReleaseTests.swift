import AWSClient
import ConfirmTestSupport
import ConfirmWorker
import Foundation
import Testing
import Ticketing

/// The holds a sale consumed are removed beside the next work, not before its message is
/// settled: a slow DynamoDB (latency injected for this worker's key alone) delays the removal,
/// not the commit's deletion from the queue; and a stopping worker still removes them first.
@Suite(.serialized) struct HoldReleaseTests {
    @Test("with DynamoDB's DeleteItem slowed to 3 s, the confirmed commit leaves the queue while its seat lock is still there; the stopped consumer returns only after removing it")
    func removalDoesNotHoldUpTheQueue() async throws {
        let stack = try await ConfirmStack.get()
        let endpoint = try ConfirmStack.required("TPS_LOCAL_AWS_ENDPOINT")
        let (queue, _) = try await stack.makeQueues()
        let (eventId, seat) = ("evt-0003", "S02-00009")
        let idem = try await RedeliveryTests.oneCommit(stack, queue: queue, eventId: eventId, seat: seat, user: "u-release")
        let holdId = try #require(try await SeatLockProbe.holdId(stack, eventId: eventId, seatId: seat))

        let accessKey = "AKIDRELEASE" + UUID().uuidString.prefix(8).uppercased()
        try await RedeliveryTests.control(endpoint, path: "/_tps/faults", body: """
            {"service":"dynamodb","action":"DeleteItem","kind":"latency","latencyMs":3000,"count":null,"accessKeyId":"\(accessKey)"}
            """)
        let clearFault = { try? await RedeliveryTests.control(endpoint, path: "/_tps/faults?accessKeyId=\(accessKey)", body: nil) }
        let worker = stack.worker(queue: queue, accessKeyId: accessKey)
        let consuming = Task { try await worker.consumer.run() }
        do {
            try await FlowSteps.waitUntil("the commit to be confirmed and deleted from the queue") {
                let attributes = try await stack.sqs.getQueueAttributes(queueUrl: queue, names: [
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])
                return try await stack.count("SELECT count(*) FROM orders WHERE idem = \(idem) AND status = 'confirmed'") == 1
                    && attributes["ApproximateNumberOfMessages"] == "0" && attributes["ApproximateNumberOfMessagesNotVisible"] == "0"
            }
            #expect(try await SeatLockProbe.holdId(stack, eventId: eventId, seatId: seat) == holdId,
                    "the message was settled only after the slowed DeleteItem: the removal is on the critical path")

            consuming.cancel()
            try await consuming.value
            #expect(try await SeatLockProbe.holdId(stack, eventId: eventId, seatId: seat) == nil,
                    "the consumer returned before removing the hold its commit consumed")
        } catch {
            consuming.cancel()
            await clearFault()
            throw error
        }
        await clearFault()
    }
}
