import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import Ticketing

/// Issue 13, limits and requests: one open intent per user for the same seats, keys scoped per
/// user, and fingerprints that do not depend on the order of seatIds.
@Suite struct IntentRulesTests {
    @Test func aSecondIntentForTheSameSeatsUnderAnotherKeyIs409NamingTheOpenOne() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                let seats = ["S02-00011", "S02-00012"]
                _ = try await FlowSteps.hold(publicClient, userId: "u-open", eventId: "evt-0001", seatIds: seats)
                let key = "intent-" + UUID().uuidString
                let first = try await FlowSteps.createIntent(client, key: key, userId: "u-open", eventId: "evt-0001",
                                                             seatIds: seats)
                #expect(first.status == .created)
                let open = try FlowSteps.decode(PaymentIntentResponse.self, first)
                for others in [seats, ["S02-00012"]] {
                    let second = try await FlowSteps.createIntent(client, key: "intent-" + UUID().uuidString,
                                                                  userId: "u-open", eventId: "evt-0001", seatIds: others)
                    #expect(second.status == .conflict)
                    let problem = try FlowSteps.decode(Problem.self, second)
                    #expect(problem.code == .intentOpen)
                    #expect(problem.detail?.contains(open.intentId) == true)
                }
                // The same key is still a replay, not a conflict.
                let replay = try await FlowSteps.createIntent(client, key: key, userId: "u-open", eventId: "evt-0001",
                                                              seatIds: seats)
                #expect(replay.status == .ok)
                #expect(try await stack.count("SELECT count(*) FROM payment_intents WHERE user_id = 'u-open'") == 1)
            }
        }
    }

    @Test func twoUsersMayUseTheSameIdempotencyKey() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                let key = "intent-shared-" + UUID().uuidString
                var intents: [String] = []
                for (user, seat) in [("u-key-a", "S02-00013"), ("u-key-b", "S02-00014")] {
                    _ = try await FlowSteps.hold(publicClient, userId: user, eventId: "evt-0001", seatIds: [seat])
                    let created = try await FlowSteps.createIntent(client, key: key, userId: user, eventId: "evt-0001",
                                                                   seatIds: [seat])
                    #expect(created.status == .created, "\(user): \(String(buffer: created.body))")
                    intents.append(try FlowSteps.decode(PaymentIntentResponse.self, created).intentId)
                }
                #expect(Set(intents).count == 2)
            }
        }
    }

    @Test func seatOrderDoesNotMakeAReplayAKeyReuse() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                let seats = ["S02-00015", "S02-00016"]
                _ = try await FlowSteps.hold(publicClient, userId: "u-order", eventId: "evt-0001", seatIds: seats)
                let key = "intent-" + UUID().uuidString
                let created = try await FlowSteps.createIntent(client, key: key, userId: "u-order", eventId: "evt-0001",
                                                               seatIds: seats)
                #expect(created.status == .created)
                let intent = try FlowSteps.decode(PaymentIntentResponse.self, created)
                let reordered = try await FlowSteps.createIntent(client, key: key, userId: "u-order",
                                                                 eventId: "evt-0001", seatIds: seats.reversed())
                #expect(reordered.status == .ok)
                #expect(try FlowSteps.decode(PaymentIntentResponse.self, reordered) == intent)

                let idem = "commit-" + UUID().uuidString
                let accepted = try await FlowSteps.commit(client, key: idem, intentId: intent.intentId, userId: "u-order",
                                                          eventId: "evt-0001", seatIds: seats)
                #expect(accepted.status == .accepted)
                let again = try await FlowSteps.commit(client, key: idem, intentId: intent.intentId, userId: "u-order",
                                                       eventId: "evt-0001", seatIds: seats.reversed())
                #expect(again.status == .accepted)
                #expect(again.headers[.init(IdempotencyHeaders.replay)!] == "true")
            }
        }
    }
}
