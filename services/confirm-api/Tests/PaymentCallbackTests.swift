import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Ticketing

/// POST /confirm/payment-callback: only a correctly signed callback counts, an outcome is
/// recorded once, a replay is harmless and a contradiction is refused.
@Suite struct PaymentCallbackTests {
    static func callback(intentId: String, ref: String, outcome: String, amount: Int64) -> String {
        #"{"intentId":"\#(intentId)","paymentRef":"\#(ref)","outcome":"\#(outcome)","amount":\#(amount),"currency":"JPY"}"#
    }

    static func send(_ client: some TestClientProtocol, _ body: String, signature: PaymentSignature,
                     at time: Date = Date()) async throws -> TestResponse {
        let header = signature.header(for: Data(body.utf8), at: time)
        return try await client.execute(uri: "/confirm/payment-callback", method: .post,
                                        headers: [.init(PaymentSignature.headerName)!: header, .contentType: "application/json"],
                                        body: ByteBuffer(string: body))
    }

    @Test func signedCallbackIsRecordedOnceAndReplaysAreHarmless() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        let signature = PaymentSignature(secret: stack.webhookSecret)
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                let intent = try await FlowSteps.heldIntent(public: publicClient, confirm: client, userId: "u-pay",
                                                            eventId: "evt-0001", seatIds: ["S01-00005"])
                let ref = "pay-" + UUID().uuidString.prefix(8)
                let approved = Self.callback(intentId: intent.intentId, ref: String(ref), outcome: "approved",
                                             amount: intent.amount)

                let forged = try await Self.send(client, approved,
                                                 signature: PaymentSignature(secret: SecretValue(String(repeating: "x", count: 40))))
                #expect(forged.status == .unauthorized)
                #expect(try FlowSteps.decode(Problem.self, forged).code == .signatureInvalid)
                let stale = try await Self.send(client, approved, signature: signature, at: Date().addingTimeInterval(-900))
                #expect(stale.status == .unauthorized)

                let first = try await Self.send(client, approved, signature: signature)
                #expect(first.status == .ok)
                #expect(try FlowSteps.decode(PaymentCallbackResponse.self, first).paymentStatus == .approved)
                #expect(first.headers[.init(IdempotencyHeaders.replay)!] == nil)

                let replay = try await Self.send(client, approved, signature: signature)
                #expect(replay.status == .ok)
                #expect(replay.headers[.init(IdempotencyHeaders.replay)!] == "true")

                let contradiction = try await Self.send(
                    client, Self.callback(intentId: intent.intentId, ref: String(ref), outcome: "declined",
                                          amount: intent.amount), signature: signature)
                #expect(contradiction.status == .conflict)
                #expect(try FlowSteps.decode(Problem.self, contradiction).code == .callbackConflict)

                let wrongAmount = try await Self.send(
                    client, Self.callback(intentId: intent.intentId, ref: String(ref), outcome: "approved",
                                          amount: intent.amount + 1), signature: signature)
                #expect(wrongAmount.status.code == 422)

                let unknown = try await Self.send(
                    client, Self.callback(intentId: UUID().uuidString, ref: "pay-x", outcome: "approved", amount: 1),
                    signature: signature)
                #expect(unknown.status == .notFound)

                #expect(try await stack.count("""
                    SELECT count(*) FROM payments WHERE intent_id = \(UUID(uuidString: intent.intentId)!)
                    AND status = 'approved' AND provider_ref = \(String(ref))
                    """) == 1)
            }
        }
    }
}
