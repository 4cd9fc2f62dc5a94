import Foundation
import Ticketing

/// result.json: the whole run, so CI or a person can see which step failed and how slow each
/// was. Never holds the room token (a bearer credential).
public struct ScenarioReport: Codable, Sendable {
    public let passed: Bool
    public let failedStep: ScenarioStep?
    public let failure: String?
    public let publicURL: String
    public let confirmURL: String
    public let eventId: String
    public let section: String
    public let userId: String
    public let seatId: String?
    public let orderId: String?
    public let startedAt: Date
    public let totalMs: Double
    public let steps: [StepRecord]

    public init(passed: Bool, failedStep: ScenarioStep?, failure: String?, publicURL: String, confirmURL: String,
                eventId: String, section: String, userId: String, seatId: String?, orderId: String?,
                startedAt: Date, totalMs: Double, steps: [StepRecord]) {
        self.passed = passed
        self.failedStep = failedStep
        self.failure = failure
        self.publicURL = publicURL
        self.confirmURL = confirmURL
        self.eventId = eventId
        self.section = section
        self.userId = userId
        self.seatId = seatId
        self.orderId = orderId
        self.startedAt = startedAt
        self.totalMs = totalMs
        self.steps = steps
    }

    /// Pretty, sorted JSON with RFC 3339 dates, as the contract writes them.
    public func encoded() throws -> Data {
        let encoder = JSONCoding.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return try encoder.encode(self)
    }

    /// `e2e: passed 11/11 steps in 1.52 s` or `e2e: FAILED at hold: expected …`.
    public var summaryLine: String {
        let seconds = String(format: "%.2f", totalMs / 1000)
        if passed { return "e2e: passed \(steps.count)/\(steps.count) steps in \(seconds) s" }
        return "e2e: FAILED at \(failure ?? failedStep?.rawValue ?? "an unknown step")"
    }
}
