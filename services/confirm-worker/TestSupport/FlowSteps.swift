import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Ticketing

/// The client steps of the seed's flow, shared by the confirm tests: enter and hold through
/// public-api, then intent and commit through confirm-api, as a real client sends them.
public enum FlowSteps {
    public static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    public static func decode<Value: Decodable>(_ type: Value.Type, _ response: TestResponse) throws -> Value {
        try JSONCoding.makeDecoder().decode(type, from: Data(buffer: response.body))
    }

    /// Enters the event's waiting room and holds each seat; fails unless every hold is won.
    public static func hold(_ client: some TestClientProtocol, userId: String, eventId: String,
                            seatIds: [String]) async throws -> [HoldResponse] {
        let entered = try await client.execute(uri: "/public/enter", method: .post,
                                               headers: [.contentType: "application/json"], body: body(#"{"userId":"\#(userId)","eventId":"\#(eventId)"}"#))
        guard entered.status == .ok else { throw StackError("enter answered \(entered.status)") }
        let token = try decode(EnterResponse.self, entered).roomToken
        var holds: [HoldResponse] = []
        for seatId in seatIds {
            let held = try await client.execute(
                uri: "/public/hold", method: .post, headers: [.init("x-room-token")!: token, .contentType: "application/json"],
                body: body(#"{"eventId":"\#(eventId)","seatId":"\#(seatId)"}"#))
            guard held.status == .created else {
                throw StackError("hold of \(seatId) answered \(held.status): \(String(buffer: held.body))")
            }
            holds.append(try decode(HoldResponse.self, held))
        }
        return holds
    }

    public static func intentBody(userId: String, eventId: String, seatIds: [String]) -> String {
        let seats = seatIds.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"userId":"\#(userId)","eventId":"\#(eventId)","seatIds":[\#(seats)]}"#
    }

    public static func commitBody(intentId: String, userId: String, eventId: String, seatIds: [String]) -> String {
        let seats = seatIds.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"intentId":"\#(intentId)","eventId":"\#(eventId)","seatIds":[\#(seats)],"userId":"\#(userId)"}"#
    }

    public static func createIntent(_ client: some TestClientProtocol, key: String, userId: String, eventId: String,
                                    seatIds: [String]) async throws -> TestResponse {
        try await client.execute(uri: "/confirm/payment-intent", method: .post,
                                 headers: [.init(IdempotencyHeaders.key)!: key, .contentType: "application/json"],
                                 body: body(intentBody(userId: userId, eventId: eventId, seatIds: seatIds)))
    }

    public static func commit(_ client: some TestClientProtocol, key: String, intentId: String, userId: String,
                              eventId: String, seatIds: [String]) async throws -> TestResponse {
        try await client.execute(uri: "/confirm/commit", method: .post,
                                 headers: [.init(IdempotencyHeaders.key)!: key, .contentType: "application/json"],
                                 body: body(commitBody(intentId: intentId, userId: userId, eventId: eventId,
                                                       seatIds: seatIds)))
    }

    /// Holds the seats and prices them: the intent a commit needs.
    public static func heldIntent(public publicClient: some TestClientProtocol, confirm: some TestClientProtocol,
                                  userId: String, eventId: String, seatIds: [String]) async throws -> PaymentIntentResponse {
        _ = try await hold(publicClient, userId: userId, eventId: eventId, seatIds: seatIds)
        let created = try await createIntent(confirm, key: "intent-" + UUID().uuidString, userId: userId,
                                             eventId: eventId, seatIds: seatIds)
        guard created.status == .created else {
            throw StackError("payment-intent answered \(created.status): \(String(buffer: created.body))")
        }
        return try decode(PaymentIntentResponse.self, created)
    }

    /// Polls `condition` every `interval` until it holds, or fails naming `what` after `timeout`.
    public static func waitUntil(_ what: String, timeout: Duration = .seconds(30), interval: Duration = .milliseconds(100),
                                 _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: interval)
        }
        throw StackError("timed out after \(timeout) waiting for \(what)")
    }
}
