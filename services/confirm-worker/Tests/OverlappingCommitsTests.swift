import AsyncHTTPClient
import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import Ticketing

/// The group key keeps only commits of the same seats together, so commits whose seat sets
/// overlap ({A,B}, {B,C}, {C,D}) land in different groups and one worker decides them side by
/// side. The database alone must keep every seat sold at most once: of each overlapping pair at
/// most one is confirmed, the others are rejected `seat-unavailable`. The worker settles with
/// the batch calls only (DeleteMessageBatch), never one call per message.
@Suite struct OverlappingCommitsTests {
    static let eventId = "evt-0001"
    static let seats = (11...14).map { ConfirmStack.seatId("S01", $0) }

    @Test func overlappingSeatSetsInDifferentGroupsAreNeverSoldTwice() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        let user = "u-overlap"
        let sets = zip(Self.seats, Self.seats.dropFirst()).map { [$0, $1] }
        let messages = sets.map { CommitMessage(idem: "x-overlap", payload: CommitPayload(
            intentId: "x", eventId: Self.eventId, seatIds: $0, userId: user)) }
        #expect(Set(messages.map(\.messageGroupId)).count == sets.count, "each seat set in its own group")

        let idems = try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                _ = try await FlowSteps.hold(publicClient, userId: user, eventId: Self.eventId, seatIds: Self.seats)
                // The API allows one open intent per user and seats; the rival paid intents (as two
                // API versions could have made) are written straight into PostgreSQL.
                let created = try await FlowSteps.createIntent(client, key: "intent-" + UUID().uuidString, userId: user,
                                                               eventId: Self.eventId, seatIds: sets[0])
                #expect(created.status == .created)
                let first = try FlowSteps.decode(PaymentIntentResponse.self, created)
                let approved = try await FlowSteps.paymentCallback(client, intent: first, outcome: "approved",
                                                                   secret: stack.webhookSecret)
                #expect(approved.status == .ok)
                var intents = [first.intentId]
                for seats in sets.dropFirst() {
                    intents.append(try await CommitRaceTests.paidRivalIntent(stack, of: first, user: user, eventId: Self.eventId,
                                                                          seats: seats))
                }
                var idems: [String] = []
                for (intent, seats) in zip(intents, sets) {
                    let idem = "commit-" + UUID().uuidString
                    let accepted = try await FlowSteps.commit(client, key: idem, intentId: intent, userId: user,
                                                              eventId: Self.eventId, seatIds: seats)
                    #expect(accepted.status == .accepted)
                    idems.append(idem)
                }
                return idems
            }
        }

        let accessKey = "AKIDOVERLAP" + UUID().uuidString.prefix(8).uppercased()
        let worker = stack.worker(queue: queue, accessKeyId: accessKey)
        let consuming = Task { try await worker.consumer.run() }
        defer { consuming.cancel() }
        try await FlowSteps.waitUntil("every commit to be decided") {
            try await stack.count("SELECT count(*) FROM orders WHERE idem = ANY(\(idems))") == idems.count
        }

        for seat in Self.seats {
            #expect(try await stack.count("""
                SELECT count(*) FROM order_seats WHERE event_id = \(Self.eventId) AND seat_id = \(seat)
                """) <= 1, "\(seat) sold more than once")
        }
        // Confirmed orders have disjoint seats, and the sold seats are exactly theirs.
        let confirmedSeats = try await stack.count("""
            SELECT count(*) FROM orders o, unnest(o.seat_ids) AS s WHERE o.idem = ANY(\(idems)) AND o.status = 'confirmed'
            """)
        let sold = try await stack.count("""
            SELECT count(*) FROM seats WHERE event_id = \(Self.eventId) AND seat_id = ANY(\(Self.seats)) AND state = 'sold'
            """)
        #expect(confirmedSeats == sold)
        #expect(try await stack.count("""
            SELECT count(*) FROM order_seats WHERE event_id = \(Self.eventId) AND seat_id = ANY(\(Self.seats))
            """) == sold)
        #expect(sold >= 2, "at least one of the overlapping commits is confirmed")
        #expect(try await stack.count("""
            SELECT count(*) FROM orders WHERE idem = ANY(\(idems)) AND status = 'rejected' AND reason <> 'seat-unavailable'
            """) == 0)

        // A batch is settled once all its groups are done: wait for the queue to be empty.
        try await FlowSteps.waitUntil("every message to be deleted") {
            let attributes = try await stack.sqs.getQueueAttributes(queueUrl: queue, names: [
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])
            return attributes["ApproximateNumberOfMessages"] == "0" && attributes["ApproximateNumberOfMessagesNotVisible"] == "0"
        }
        let actions = try await Self.settlingCalls(accessKey: accessKey)
        #expect(actions.contains("DeleteMessageBatch"))
        #expect(!actions.contains("DeleteMessage") && !actions.contains("ChangeMessageVisibility"),
                "one call per message: \(actions.sorted())")
    }

    /// The SQS actions the worker signed with `accessKey`, from the local AWS's request log.
    static func settlingCalls(accessKey: String) async throws -> Set<String> {
        let endpoint = try ConfirmStack.required("TPS_LOCAL_AWS_ENDPOINT")
        let request = HTTPClientRequest(url: endpoint + "/_tps/requests?service=sqs&accessKeyId=" + accessKey)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 << 20)
        return Set(try JSONDecoder().decode(RequestLog.self, from: Data(buffer: body)).requests.compactMap(\.action))
    }

    struct RequestLog: Decodable {
        struct Entry: Decodable { let action: String? }
        let requests: [Entry]
    }
}
