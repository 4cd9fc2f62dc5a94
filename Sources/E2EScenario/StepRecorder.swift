import Foundation

/// Runs steps one after another, timing each and keeping its record; the first failure is
/// recorded and rethrown, so later steps (which depend on it) never run on bad data.
struct StepRecorder {
    private(set) var records: [StepRecord] = []
    let progress: @Sendable (StepRecord) -> Void

    mutating func run<Value: Sendable>(_ step: ScenarioStep,
                                       _ body: () async throws -> StepOutcome<Value>) async throws(StepFailure)
        -> Value {
        let started = ContinuousClock.now
        do {
            let outcome = try await body()
            let latencies = outcome.replies.map(\.latencyMs)
            append(StepRecord(step: step, passed: true,
                              latencyMs: latencies.isEmpty ? 0 : latencies.reduce(0, +) / Double(latencies.count),
                              elapsedMs: ContractHTTPClient.milliseconds(ContinuousClock.now - started),
                              requests: outcome.replies.count, status: outcome.replies.last?.status,
                              detail: outcome.detail))
            return outcome.value
        } catch {
            let failure = error as? StepFailure
                ?? StepFailure(step: step, expected: "no error", got: String(describing: error))
            append(StepRecord(step: step, passed: false, latencyMs: 0,
                              elapsedMs: ContractHTTPClient.milliseconds(ContinuousClock.now - started),
                              requests: 0, status: failure.status, detail: failure.message))
            throw failure
        }
    }

    private mutating func append(_ record: StepRecord) {
        records.append(record)
        progress(record)
    }
}
