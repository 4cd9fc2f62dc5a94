import AsyncHTTPClient
import Foundation
import Testing
@testable import E2EScenario

/// A scenario that cannot reach its deployment must stop at the first step, say which URL did
/// not answer, and still produce a complete report (the CI artefact).
@Suite struct ScenarioFailureTests {
    @Test func unreachablePublicAPIFailsAtEnterNamingTheURL() async throws {
        let port = try FreePorts.take(1)[0]   // free a moment ago: nothing listens there
        let base = URL(string: "http://127.0.0.1:\(port)")!
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let report = await E2EScenario(settings: ScenarioSettings(publicURL: base, confirmURL: base), http: http).run()
        try await http.shutdown()

        #expect(!report.passed)
        #expect(report.failedStep == .enter)
        #expect(report.steps.map(\.step) == [.enter])
        #expect(report.steps.first?.passed == false)
        let failure = try #require(report.failure)
        #expect(failure.contains("http://127.0.0.1:\(port)/public/enter"))
        #expect(report.summaryLine.hasPrefix("e2e: FAILED at enter: expected an answer from POST"))

        let json = try JSONSerialization.jsonObject(with: report.encoded()) as? [String: Any]
        #expect(json?["failedStep"] as? String == "enter")
        #expect(json?["passed"] as? Bool == false)
    }
}
