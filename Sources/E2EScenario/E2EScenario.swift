import AsyncHTTPClient
import Foundation
import Ticketing

/// The seed's purchase scenario against any deployment (local processes, an ALB or a
/// CloudFront domain): enter → wait until admitted → summary → pick and hold a seat →
/// payment intent and its replay → commit → the provider's signed approval → poll until
/// confirmed → release → the seat is sold. The commit goes first, so the order must wait for the
/// approval (the payment gate). Declined variant: the provider declines, the order is rejected
/// (`payment-declined`) and the seat is available again.
/// It buys one real seat per run, so it picks a free one instead of a fixed id (re-runnable).
public struct E2EScenario: Sendable {
    public let settings: ScenarioSettings
    let client: ContractHTTPClient

    public init(settings: ScenarioSettings, http: HTTPClient) {
        self.settings = settings
        self.client = ContractHTTPClient(http: http, timeout: settings.requestTimeout)
    }

    /// Runs every step until the first failure; never throws, the report says what happened.
    public func run(progress: @escaping @Sendable (StepRecord) -> Void = { _ in }) async -> ScenarioReport {
        let startedAt = Date()
        let started = ContinuousClock.now
        var recorder = StepRecorder(progress: progress)
        var failure: StepFailure?
        var seatId: String?
        var orderId: String?
        do {
            let entered = try await recorder.run(.enter) { try await enter() }
            try await recorder.run(.roomStatus) { try await waitUntilAdmitted(entered) }
            try await recorder.run(.summary) { try await summary() }
            let candidates = try await recorder.run(.seats) { try await availableSeats() }
            let held = try await recorder.run(.hold) { try await hold(candidates, token: entered.roomToken) }
            seatId = held.seatId
            let intent = try await recorder.run(.paymentIntent) { try await createIntent(for: held) }
            try await recorder.run(.paymentIntentReplay) { try await replayIntent(intent) }
            let accepted = try await recorder.run(.commit) { try await commit(intent, seat: held) }
            if settings.declinePayment {
                try await recorder.run(.paymentCallback) { try await paymentCallback(intent, outcome: .declined) }
                _ = try await recorder.run(.status) {
                    try await waitUntilConfirmed(accepted, intent: intent, rejection: .paymentDeclined)
                }
                try await recorder.run(.seatFreed) { try await expectFreed(held) }
            } else {
                try await recorder.run(.paymentCallback) { try await paymentCallback(intent, outcome: .approved) }
                orderId = try await recorder.run(.status) { try await waitUntilConfirmed(accepted, intent: intent) }
                try await recorder.run(.release) { try await release(held) }
                try await recorder.run(.seatSold) { try await expectSold(held) }
            }
        } catch {
            failure = error
        }
        return ScenarioReport(
            passed: failure == nil, failedStep: failure?.step, failure: failure?.description,
            publicURL: settings.publicURL.absoluteString, confirmURL: settings.confirmURL.absoluteString,
            eventId: settings.eventId, section: settings.section, userId: settings.userId, seatId: seatId,
            orderId: orderId, startedAt: startedAt,
            totalMs: ContractHTTPClient.milliseconds(ContinuousClock.now - started), steps: recorder.records)
    }

    func publicURL(_ path: String, query: [(String, String)] = []) -> URL {
        EndpointPath.join(settings.publicURL, path, query: query)
    }

    func confirmURL(_ path: String, query: [(String, String)] = []) -> URL {
        EndpointPath.join(settings.confirmURL, path, query: query)
    }

    /// A fresh Idempotency-Key per step and run: `e2e-<purpose>-<uuid>` (the contract's alphabet).
    static func idempotencyKey(_ purpose: String) -> String {
        "e2e-\(purpose)-\(UUID().uuidString.lowercased())"
    }
}
