import Foundation
import Ticketing

/// The load run as data (JSON, one file per shard, merged exactly by `LoadReportMerge`) and
/// as the seed's Markdown report.
public struct LoadReport: Sendable, Codable, Equatable {
    /// The whole plan's target rates (not a shard's share).
    public let targetRates: [Int]
    public let stepSeconds: Int
    /// The soak step's length, after the rates' steps at the last rate (nil: none; older results).
    public let soakSeconds: Int?
    /// The agreed start of a distributed run (nil: started when ready).
    public let startAt: Date?
    /// How many shards the plan has, and which of them this report holds.
    public let shardCount: Int
    public let shards: [Int]
    public let startedAt: Date
    public let publicURL: String
    public let confirmURL: String
    public let eventId: String
    /// Per process.
    public let maxInFlight: Int
    public let steps: [LoadStepResult]

    init(targetRates: [Int], stepSeconds: Int, soakSeconds: Int? = nil, startAt: Date?, shardCount: Int, shards: [Int],
         startedAt: Date, publicURL: String, confirmURL: String, eventId: String, maxInFlight: Int,
         steps: [LoadStepResult]) {
        self.targetRates = targetRates
        self.stepSeconds = stepSeconds
        self.soakSeconds = soakSeconds
        self.startAt = startAt
        self.shardCount = shardCount
        self.shards = shards
        self.startedAt = startedAt
        self.publicURL = publicURL
        self.confirmURL = confirmURL
        self.eventId = eventId
        self.maxInFlight = maxInFlight
        self.steps = steps
    }

    /// The steps as planned, in the order of `steps`.
    public var schedule: [LoadStepPlan] {
        LoadStepPlan.schedule(rates: targetRates, stepSeconds: stepSeconds, soakSeconds: soakSeconds)
    }

    public func markdown(charts: [LoadChartLink] = []) -> String {
        var lines = [
            "# Load test report",
            "",
            "- started: \(ISO8601DateFormatter().string(from: startAt ?? startedAt))",
            "- public-api: \(publicURL), confirm-api: \(confirmURL), event: \(eventId)",
            "- steps of \(stepSeconds) s" + (soakSeconds.map { ", then a soak of \($0) s at the last rate" } ?? "")
                + ", open loop, \(shardCount) shard(s), at most \(maxInFlight) requests in flight per shard",
            "- mix: " + LoadRequestKind.allCases.map { "\($0.rawValue) \($0.weight)%" }.joined(separator: ", "),
            "- latency from merged histograms, within 0.4% (or 0.5 µs) of the sample at that rank",
            "- bot CPU cores: the load bot's own CPU time (user + system) per second of the step, all shards summed; "
                + "a shard near its cores' limit was the bottleneck",
            "",
            "| step | achieved req/s | 2xx/304 | p50 ms | p95 ms | p99 ms | 409 | 5xx | no answer | dropped | purchases skipped | bot CPU cores |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        let labelled = zip(schedule, steps).map { (label: $0.label, step: $1) }
        for (label, step) in labelled {
            lines.append("| \(label) | \(Self.number(step.achievedRate, 1)) | \(Self.percent(step.okRatio)) | "
                + "\(Self.number(step.p50Ms, 2)) | \(Self.number(step.p95Ms, 2)) | \(Self.number(step.p99Ms, 2)) | "
                + "\(step.conflicts) | \(step.serverErrors) | \(step.failures) | \(step.dropped) | \(step.skippedPurchases) | "
                + (step.botCores.map { Self.number($0, 2) } ?? "—") + " |")
        }
        if !charts.isEmpty {
            lines += ["", "## Charts", ""]
            for chart in charts { lines += ["![\(chart.title)](\(chart.file))", ""] }
            lines.removeLast()
        }
        if shardCount > 1 {
            lines += ["", "## Achieved req/s by shard (its target in brackets; the bot's CPU cores after the @)", "",
                      "| step | " + shards.map { "shard \($0)/\(shardCount)" }.joined(separator: " | ") + " |",
                      "|---|" + String(repeating: "---:|", count: shards.count)]
            for (label, step) in labelled {
                lines.append("| \(label) | " + step.shards.map {
                    "\(Self.number($0.achievedRate, 1)) (\($0.targetRate))" + ($0.cpuCores.map { " @ " + Self.number($0, 2) } ?? "")
                }.joined(separator: " | ") + " |")
            }
        }
        for (label, step) in labelled {
            lines += ["", "## \(label) by request kind", "",
                      "| kind | requests | 2xx/304 | p50 ms | p95 ms | p99 ms | 4xx | 409 | 5xx | no answer |",
                      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
            for kind in LoadRequestKind.allCases {
                guard let tally = step.kinds[kind] else { continue }
                lines.append("| \(kind.rawValue) | \(tally.requests) | \(Self.percent(tally.okRatio)) | "
                    + "\(Self.number(tally.latency.percentile(0.50), 2)) | "
                    + "\(Self.number(tally.latency.percentile(0.95), 2)) | "
                    + "\(Self.number(tally.latency.percentile(0.99), 2)) | "
                    + "\(tally.clientErrors) | \(tally.conflicts) | \(tally.serverErrors) | \(tally.failures) |")
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
