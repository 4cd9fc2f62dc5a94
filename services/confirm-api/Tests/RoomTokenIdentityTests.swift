import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Ticketing

/// Issue 13, identity: payment-intent and commit require the caller's room token, and the
/// token binds the user and the event, so nobody prices or buys seats in another's name.
@Suite struct RoomTokenIdentityTests {
    @Test func intentAndCommitRequireTheBodyUsersOwnToken() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                let seats = ["S02-00010"]
                _ = try await FlowSteps.hold(publicClient, userId: "u-id", eventId: "evt-0001", seatIds: seats)
                let forged = RoomTokenKey.forTests(fill: "z").sign(
                    RoomToken(userId: "u-id", eventId: "evt-0001", position: 1, issuedAt: Date()))
                let cases: [(String?, Int, ErrorCode)] = [
                    ("", 401, .roomTokenMissing),
                    (forged, 401, .roomTokenInvalid),
                    (ConfirmStack.roomToken(userId: "u-other", eventId: "evt-0001"), 403, .userMismatch),
                    (ConfirmStack.roomToken(userId: "u-id", eventId: "evt-0002"), 403, .eventMismatch),
                ]
                for (token, status, code) in cases {
                    let intent = try await FlowSteps.createIntent(client, key: "intent-" + UUID().uuidString, userId: "u-id",
                                                                  eventId: "evt-0001", seatIds: seats, token: token)
                    #expect(intent.status.code == status, "\(code)")
                    #expect(try FlowSteps.decode(Problem.self, intent).code == code)
                    let commit = try await FlowSteps.commit(client, key: "commit-" + UUID().uuidString,
                                                            intentId: UUID().uuidString, userId: "u-id",
                                                            eventId: "evt-0001", seatIds: seats, token: token)
                    #expect(commit.status.code == status, "\(code)")
                    #expect(try FlowSteps.decode(Problem.self, commit).code == code)
                }
                #expect(try await stack.count("SELECT count(*) FROM payment_intents WHERE user_id = 'u-id'") == 0)
                let own = try await FlowSteps.createIntent(client, key: "intent-" + UUID().uuidString, userId: "u-id",
                                                           eventId: "evt-0001", seatIds: seats)
                #expect(own.status == .created)
            }
        }
    }
}

extension RoomTokenKey {
    /// A key other than the services': its tokens must be refused.
    static func forTests(fill: Character) -> RoomTokenKey {
        try! RoomTokenKey(secret: SecretValue(String(repeating: fill, count: 40)))
    }
}
