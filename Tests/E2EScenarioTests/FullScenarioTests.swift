import AsyncHTTPClient
import Foundation
import Testing
@testable import E2EScenario

/// The seed's scenario end to end against the three real services on the real local servers:
/// every step passes, the seat ends sold, and the load bot's mix answers without 5xx.
@Suite(.serialized) struct FullScenarioTests {
    @Test func everyStepPassesAgainstTheThreeServices() async throws {
        let stack = try await ServiceStack.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await Self.waitHealthy(stack, http: http)
            let settings = ScenarioSettings(publicURL: stack.publicURL, confirmURL: stack.confirmURL,
                                            confirmTimeout: .seconds(45), webhookSecret: stack.webhookSecret)
            let report = await E2EScenario(settings: settings, http: http).run()
            #expect(report.passed, "\(report.failure ?? "")")
            #expect(report.steps.map(\.step) == ScenarioStep.allCases.filter { $0 != .seatFreed })
            #expect(report.orderId.map(FieldRulesCheck.isUUID) == true)

            // The declined variant: the provider declines, the order is rejected, the seat freed.
            var declined = settings
            declined.declinePayment = true
            let refused = await E2EScenario(settings: declined, http: http).run()
            #expect(refused.passed, "\(refused.failure ?? "")")
            #expect(refused.steps.map(\.step).suffix(4) == [.commit, .paymentCallback, .status, .seatFreed])

            // Without the webhook secret nobody can pay: the scenario stops at payment-callback.
            var unpaid = settings
            unpaid.webhookSecret = nil
            let stopped = await E2EScenario(settings: unpaid, http: http).run()
            #expect(stopped.failedStep == .paymentCallback)

            let load = try await LoadRunner(settings: ScenarioSettings(publicURL: stack.publicURL, confirmURL: stack.confirmURL,
                                                                       webhookSecret: stack.webhookSecret),
                                            plan: LoadPlan(rates: [40], stepSeconds: 2, maxInFlight: 64), http: http).run()
            let step = try #require(load.steps.first)
            #expect(step.serverErrors == 0)
            #expect(step.failures == 0)
            #expect(step.kinds[.summary]?.okRatio == 1)
        } catch {
            try await http.shutdown()
            await stack.stop()
            throw error
        }
        try await http.shutdown()
        await stack.stop()
    }

    static func waitHealthy(_ stack: ServiceStack, http: HTTPClient) async throws {
        let checks = [stack.publicURL.appendingPathComponent("public/health"),
                      stack.confirmURL.appendingPathComponent("confirm/health"),
                      stack.workerURL.appendingPathComponent("health")]
        let deadline = ContinuousClock.now + .seconds(60)
        for url in checks {
            while true {
                let status = try? await http.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(2)).status.code
                if status == 200 { break }
                guard ContinuousClock.now < deadline else { throw StackError("\(url) not healthy within 60 s (last \(status.map(String.init) ?? "no answer"))") }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }
}

enum FieldRulesCheck {
    static func isUUID(_ text: String) -> Bool { UUID(uuidString: text) != nil }
}
