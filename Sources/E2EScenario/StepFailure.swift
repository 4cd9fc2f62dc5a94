/// Why a step failed: what the contract promised and what came back, so the one-line report
/// (and the non-zero exit) tells an operator where to look without re-running.
public struct StepFailure: Error, Sendable, CustomStringConvertible {
    public let step: ScenarioStep
    public let expected: String
    public let got: String
    /// The HTTP status, when an answer arrived at all.
    public let status: Int?

    public init(step: ScenarioStep, expected: String, got: String, reply: HTTPReply? = nil) {
        self.step = step
        self.expected = expected
        self.got = got
        self.status = reply?.status
    }

    /// Without the step name, for the step's own record.
    public var message: String { "expected \(expected), got \(got)" }

    public var description: String { "\(step.rawValue): \(message)" }
}
