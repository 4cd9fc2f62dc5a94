import AWSClient
import AsyncHTTPClient
import ConfirmTestSupport
import ConfirmWorker
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Testing
import Ticketing

/// The queue-side guarantees of the worker: a slow transaction keeps its message invisible
/// (visibility heartbeat), and a message whose deletion failed comes back and is recognised as
/// decided (idempotency by idem), so redelivery never sells twice.
@Suite(.serialized) struct RedeliveryTests {
    static func oneCommit(_ stack: ConfirmStack, queue: String, eventId: String, seat: String,
                          user: String) async throws -> String {
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                let intent = try await FlowSteps.paidIntent(public: publicClient, confirm: client, userId: user,
                                                            eventId: eventId, seatIds: [seat])
                let idem = "commit-" + UUID().uuidString
                let accepted = try await FlowSteps.commit(client, key: idem, intentId: intent.intentId, userId: user,
                                                          eventId: eventId, seatIds: [seat])
                #expect(accepted.status == .accepted)
                return idem
            }
        }
    }

    @Test func aSlowTransactionKeepsItsMessageInvisible() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues(maxReceiveCount: 5, visibilitySeconds: 2)
        let idem = try await Self.oneCommit(stack, queue: queue, eventId: "evt-0003", seat: "S02-00010", user: "u-slow")
        // Hold the seat's row lock for three visibility timeouts: the worker's transaction waits on it.
        let locked = AsyncStream<Void>.makeStream()
        let blocker = Task {
            try await stack.postgres.withTransaction(logger: stack.logger) { connection in
                try await connection.query("""
                    SELECT 1 FROM seats WHERE event_id = 'evt-0003' AND seat_id = 'S02-00010' FOR UPDATE
                    """, logger: stack.logger)
                locked.continuation.yield()
                try await Task.sleep(for: .seconds(6))
            }
        }
        var iterator = locked.stream.makeAsyncIterator()
        _ = await iterator.next()
        // A lock wait within the transaction limits (the default lock_timeout would end it first,
        // and a failed commit is handed back to the queue on purpose).
        let worker = stack.worker(queue: queue, transactionLimits: TransactionLimits(statementTimeoutMilliseconds: 15_000,
                                                                                     lockTimeoutMilliseconds: 10_000))
        let consuming = Task { try await worker.consumer.run() }
        defer { consuming.cancel() }
        // While the worker is stuck, the message must stay invisible to everyone else.
        try await Task.sleep(for: .seconds(1))
        let deadline = ContinuousClock.now + .seconds(4)
        while ContinuousClock.now < deadline {
            let stolen = try await stack.sqs.receiveMessages(queueUrl: queue, maxMessages: 10, waitTimeSeconds: 1)
            #expect(stolen.isEmpty, "the message became visible while its transaction was still running")
            if !stolen.isEmpty { break }
        }
        try await blocker.value
        try await FlowSteps.waitUntil("the slow commit to be confirmed") {
            try await stack.count("SELECT count(*) FROM orders WHERE idem = \(idem) AND status = 'confirmed'") == 1
        }
    }

    @Test func aMessageWhoseDeleteFailedIsRedeliveredAndNotSoldTwice() async throws {
        let stack = try await ConfirmStack.get()
        let endpoint = try ConfirmStack.required("TPS_LOCAL_AWS_ENDPOINT")
        let (queue, _) = try await stack.makeQueues(maxReceiveCount: 5, visibilitySeconds: 2)
        let idem = try await Self.oneCommit(stack, queue: queue, eventId: "evt-0003", seat: "S02-00011", user: "u-redeliver")
        // Only this worker's deletes fail: the fault is scoped to its own access key (the other
        // suites of this target run at the same time against the same local AWS).
        let accessKey = "AKIDREDELIVER" + UUID().uuidString.prefix(8).uppercased()
        try await Self.control(endpoint, path: "/_tps/faults", body: """
            {"service":"sqs","action":"DeleteMessageBatch","kind":"server-error","status":500,"count":null,"accessKeyId":"\(accessKey)"}
            """)
        let clearFault = { try? await Self.control(endpoint, path: "/_tps/faults?accessKeyId=\(accessKey)", body: nil) }
        let worker = stack.worker(queue: queue, accessKeyId: accessKey)
        let consuming = Task { try await worker.consumer.run() }
        defer { consuming.cancel() }
        try await FlowSteps.waitUntil("the commit to be decided") {
            try await stack.count("SELECT count(*) FROM orders WHERE idem = \(idem)") == 1
        }
        // Decided but not deleted: it comes back after the visibility timeout.
        do { try await Task.sleep(for: .seconds(3)) } catch { await clearFault(); throw error }
        await clearFault()
        try await FlowSteps.waitUntil("the redelivered message to be deleted") {
            let attributes = try await stack.sqs.getQueueAttributes(queueUrl: queue, names: [
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])
            return attributes["ApproximateNumberOfMessages"] == "0" && attributes["ApproximateNumberOfMessagesNotVisible"] == "0"
        }
        #expect(try await stack.count("SELECT count(*) FROM orders WHERE idem = \(idem)") == 1)
        #expect(try await stack.count("""
            SELECT count(*) FROM order_seats WHERE event_id = 'evt-0003' AND seat_id = 'S02-00011'
            """) == 1)
    }

    /// The local AWS emulator's control API: POST `body` to `path`, or DELETE `path` when nil.
    static func control(_ endpoint: String, path: String, body: String?) async throws {
        var request = HTTPClientRequest(url: endpoint + path)
        request.method = body == nil ? .DELETE : .POST
        request.headers.add(name: "content-type", value: "application/json")
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        guard response.status.code < 300 else {
            throw StackError("\(path) answered \(response.status)")
        }
    }
}
