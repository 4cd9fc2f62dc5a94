import AsyncHTTPClient
import Foundation
import Ticketing

/// The scenario as the payment provider: it signs the callback with confirm-api's webhook secret
/// (`Payment-Signature`, over the exact bytes sent) and expects the outcome recorded.
extension E2EScenario {
    func paymentCallback(_ intent: CreatedIntent, outcome: CallbackOutcome,
                         step: ScenarioStep = .paymentCallback) async throws -> StepOutcome<Void> {
        guard let secret = settings.webhookSecret else {
            throw StepFailure(step: step, expected: "the webhook secret to sign the callback with",
                              got: "none (give --webhook-secret-file)")
        }
        let callback = PaymentCallback(intentId: intent.response.intentId,
                                       paymentRef: "e2e-" + UUID().uuidString.lowercased(), outcome: outcome,
                                       amount: intent.response.amount, currency: intent.response.currency)
        let body: Data
        do {
            body = try JSONEncoder().encode(callback)
        } catch {
            throw StepFailure(step: step, expected: "an encodable callback", got: "\(error)")
        }
        let signature = PaymentSignature(secret: secret).header(for: body, at: Date())
        let reply = try await client.send(.POST, confirmURL("/confirm/payment-callback"), body: body,
                                          headers: [("content-type", "application/json"),
                                                    (PaymentSignature.headerName, signature)], step: step)
        try reply.expect(status: 200, step: step)
        let recorded = try reply.decode(PaymentCallbackResponse.self, step: step)
        try reply.expect(recorded.paymentStatus == outcome.paymentState, "payment \(outcome.paymentState.rawValue)",
                         got: "payment \(recorded.paymentStatus.rawValue)", step: step)
        return StepOutcome((), detail: "payment \(outcome.rawValue) for \(intent.response.intentId)", replies: [reply])
    }
}
