/// One step's line in result.json. `latencyMs` is the mean time of the step's requests (what
/// the service costs a client), `elapsedMs` the whole step including waits between polls.
public struct StepRecord: Codable, Sendable {
    public let step: ScenarioStep
    public let passed: Bool
    public let latencyMs: Double
    public let elapsedMs: Double
    public let requests: Int
    public let status: Int?
    public let detail: String

    public init(step: ScenarioStep, passed: Bool, latencyMs: Double, elapsedMs: Double, requests: Int,
                status: Int?, detail: String) {
        self.step = step
        self.passed = passed
        self.latencyMs = latencyMs
        self.elapsedMs = elapsedMs
        self.requests = requests
        self.status = status
        self.detail = detail
    }
}
