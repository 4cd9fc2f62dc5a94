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
                                            confirmTimeout: .seconds(45))
            let report = await E2EScenario(settings: settings, http: http).run()
            #expect(report.passed, "\(report.failure ?? "")")
            #expect(report.steps.map(\.step) == ScenarioStep.allCases)
            #expect(report.orderId.map(FieldRulesCheck.isUUID) == true)

            let load = try await LoadRunner(settings: ScenarioSettings(publicURL: stack.publicURL, confirmURL: stack.confirmURL),
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
