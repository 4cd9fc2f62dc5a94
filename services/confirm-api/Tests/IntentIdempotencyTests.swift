import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import Ticketing

/// POST /confirm/payment-intent: created once, replayed with the same body, refused with another,
/// and exactly one intent however many duplicates race.
@Suite struct IntentIdempotencyTests {
    @Test func createReplayAndKeyReuse() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                let seats = ["S01-00001", "S02-00001"]
                let holds = try await FlowSteps.hold(publicClient, userId: "u-idem", eventId: "evt-0001", seatIds: seats)
                let key = "intent-" + UUID().uuidString
                let created = try await FlowSteps.createIntent(client, key: key, userId: "u-idem", eventId: "evt-0001",
                                                               seatIds: seats)
                #expect(created.status == .created)
                #expect(created.headers[.init(IdempotencyHeaders.replay)!] == nil)
                let intent = try FlowSteps.decode(PaymentIntentResponse.self, created)
                // S01 is the dearer section: 5000 + 1000, S02 5000.
                #expect(intent.amount == 11_000)
                #expect(intent.currency == "JPY")
                #expect(intent.expiresAt <= holds.map(\.expiresAt).min()!)

                let replay = try await FlowSteps.createIntent(client, key: key, userId: "u-idem", eventId: "evt-0001",
                                                              seatIds: seats)
                #expect(replay.status == .ok)
                #expect(replay.headers[.init(IdempotencyHeaders.replay)!] == "true")
                #expect(try FlowSteps.decode(PaymentIntentResponse.self, replay) == intent)

                let reused = try await FlowSteps.createIntent(client, key: key, userId: "u-idem", eventId: "evt-0001",
                                                              seatIds: ["S01-00001"])
                #expect(reused.status.code == 422)
                #expect(try FlowSteps.decode(Problem.self, reused).code == .idempotencyKeyReused)
            }
        }
    }

    @Test func hundredConcurrentIntentsWithOneKeyMakeOneIntent() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                _ = try await FlowSteps.hold(publicClient, userId: "u-many", eventId: "evt-0001", seatIds: ["S01-00002"])
                let key = "intent-" + UUID().uuidString
                let answers = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                    for _ in 0..<100 {
                        group.addTask {
                            let response = try await FlowSteps.createIntent(
                                client, key: key, userId: "u-many", eventId: "evt-0001", seatIds: ["S01-00002"])
                            let id = response.status.code < 300
                                ? try FlowSteps.decode(PaymentIntentResponse.self, response).intentId : nil
                            return (response.status.code, id)
                        }
                    }
                    var all: [(Int, String?)] = []
                    for try await answer in group { all.append(answer) }
                    return all
                }
                #expect(answers.filter { $0.0 == 201 }.count == 1)
                #expect(answers.filter { $0.0 == 200 }.count == 99)
                #expect(Set(answers.compactMap(\.1)).count == 1)
                #expect(try await stack.count("SELECT count(*) FROM payment_intents WHERE idempotency_key = \(key)") == 1)
                #expect(try await stack.count("""
                    SELECT count(*) FROM payments p JOIN payment_intents i USING (intent_id)
                    WHERE i.idempotency_key = \(key)
                    """) == 1)
            }
        }
    }

    @Test func seatsNotHeldByTheUserAreRefused() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                _ = try await FlowSteps.hold(publicClient, userId: "u-owner", eventId: "evt-0001", seatIds: ["S01-00003"])
                let stolen = try await FlowSteps.createIntent(client, key: "intent-" + UUID().uuidString,
                                                              userId: "u-thief", eventId: "evt-0001",
                                                              seatIds: ["S01-00003"])
                #expect(stolen.status == .conflict)
                #expect(try FlowSteps.decode(Problem.self, stolen).code == .holdNotOwned)
                let unheld = try await FlowSteps.createIntent(client, key: "intent-" + UUID().uuidString,
                                                              userId: "u-owner", eventId: "evt-0001",
                                                              seatIds: ["S01-00003", "S01-00004"])
                #expect(unheld.status == .conflict)
                #expect(try FlowSteps.decode(Problem.self, unheld).detail?.contains("S01-00004") == true)
                #expect(try await stack.count("SELECT count(*) FROM payment_intents WHERE user_id = 'u-thief'") == 0)
            }
        }
    }
}
