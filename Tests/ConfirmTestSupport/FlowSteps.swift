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

    /// The headers of a room-bound JSON request: the key, the content type and the room token (by
    /// default the body user's own, for `eventId`; tests of the identity rule pass another).
    static func headers(key: String, token: String?, userId: String, eventId: String) -> HTTPFields {
        [.init(IdempotencyHeaders.key)!: key, .contentType: "application/json",
         .init(RoomToken.headerName)!: token ?? ConfirmStack.roomToken(userId: userId, eventId: eventId)]
    }

    public static func createIntent(_ client: some TestClientProtocol, key: String, userId: String, eventId: String,
                                    seatIds: [String], token: String? = nil) async throws -> TestResponse {
        try await client.execute(uri: "/confirm/payment-intent", method: .post,
                                 headers: headers(key: key, token: token, userId: userId, eventId: eventId),
                                 body: body(intentBody(userId: userId, eventId: eventId, seatIds: seatIds)))
    }

    public static func commit(_ client: some TestClientProtocol, key: String, intentId: String, userId: String,
                              eventId: String, seatIds: [String], token: String? = nil) async throws -> TestResponse {
        try await client.execute(uri: "/confirm/commit", method: .post,
                                 headers: headers(key: key, token: token, userId: userId, eventId: eventId),
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

    /// A held intent whose payment the provider approved: what a commit needs to be confirmed.
    public static func paidIntent(public publicClient: some TestClientProtocol, confirm: some TestClientProtocol,
                                  userId: String, eventId: String, seatIds: [String]) async throws -> PaymentIntentResponse {
        let intent = try await heldIntent(public: publicClient, confirm: confirm, userId: userId, eventId: eventId,
                                          seatIds: seatIds)
        let approved = try await paymentCallback(confirm, intent: intent, outcome: "approved",
                                                 secret: ConfirmStack.webhookSecretValue)
        guard approved.status == .ok else { throw StackError("approval answered \(approved.status)") }
        return intent
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

extension FlowSteps {
    /// The payment provider's signed callback for the intent (`approved` or `declined`).
    public static func paymentCallback(_ client: some TestClientProtocol, intent: PaymentIntentResponse,
                                       outcome: String, secret: SecretValue) async throws -> TestResponse {
        let callback = #"{"intentId":"\#(intent.intentId)","paymentRef":"ref-\#(UUID().uuidString.prefix(8))","outcome":"\#(outcome)","amount":\#(intent.amount),"currency":"\#(intent.currency)"}"#
        let signature = PaymentSignature(secret: secret).header(for: Data(callback.utf8), at: Date())
        return try await client.execute(uri: "/confirm/payment-callback", method: .post,
                                        headers: [.init(PaymentSignature.headerName)!: signature,
                                                  .contentType: "application/json"],
                                        body: ByteBuffer(string: callback))
    }

    /// Polls the commit's status until the worker decided it.
    public static func decidedStatus(_ client: some TestClientProtocol, idem: String,
                                     timeout: Duration = .seconds(30)) async throws -> OrderStatusResponse {
        var final: OrderStatusResponse?
        try await waitUntil("commit \(idem) to be decided", timeout: timeout) {
            let response = try await client.execute(uri: CommitAccepted.statusPath(idem: idem), method: .get)
            let body = try decode(OrderStatusResponse.self, response)
            if body.order.status.isDecided { final = body }
            return final != nil
        }
        return try final ?? { throw StackError("no decision for \(idem)") }()
    }
}
