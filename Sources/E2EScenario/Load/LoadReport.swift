import Foundation
import Ticketing

/// The load run as data (JSON) and as the seed's Markdown report.
public struct LoadReport: Sendable, Codable {
    public let startedAt: Date
    public let publicURL: String
    public let confirmURL: String
    public let eventId: String
    public let stepSeconds: Int
    public let maxInFlight: Int
    public let steps: [LoadStepResult]

    public func markdown() -> String {
        var lines = [
            "# Load test report",
            "",
            "- started: \(ISO8601DateFormatter().string(from: startedAt))",
            "- public-api: \(publicURL), confirm-api: \(confirmURL), event: \(eventId)",
            "- steps of \(stepSeconds) s, open loop, at most \(maxInFlight) requests in flight (one client process)",
            "- mix: " + LoadRequestKind.allCases.map { "\($0.rawValue) \($0.weight)%" }.joined(separator: ", "),
            "",
            "| target req/s | achieved req/s | 2xx/304 | p50 ms | p95 ms | p99 ms | 5xx | no answer | dropped | purchases skipped |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for step in steps {
            lines.append("| \(step.targetRate) | \(Self.number(step.achievedRate, 1)) | \(Self.percent(step.okRatio)) | "
                + "\(Self.number(step.p50Ms, 2)) | \(Self.number(step.p95Ms, 2)) | \(Self.number(step.p99Ms, 2)) | "
                + "\(step.serverErrors) | \(step.failures) | \(step.dropped) | \(step.skippedPurchases) |")
        }
        for step in steps {
            lines += ["", "## \(step.targetRate) req/s by request kind", "",
                      "| kind | requests | 2xx/304 | p50 ms | p95 ms | p99 ms | 4xx | 5xx | no answer |",
                      "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
            for kind in step.kinds {
                lines.append("| \(kind.kind.rawValue) | \(kind.requests) | \(Self.percent(kind.okRatio)) | "
                    + "\(Self.number(kind.p50Ms, 2)) | \(Self.number(kind.p95Ms, 2)) | \(Self.number(kind.p99Ms, 2)) | "
                    + "\(kind.clientErrors) | \(kind.serverErrors) | \(kind.failures) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func encoded() throws -> Data {
        let encoder = JSONCoding.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return try encoder.encode(self)
    }

    static func number(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    static func percent(_ ratio: Double) -> String { String(format: "%.1f%%", ratio * 100) }
}
