import Foundation

/// Shard results of one plan merged into one report: counts and histograms add, per-shard
/// figures are kept side by side. Files of another plan, a shard twice or a missing shard
/// are refused with the file named, since a merged report of those would mislead.
public enum LoadReportMerge {
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// `results` as (file name, decoded report), in any order.
    public static func merge(_ results: [(file: String, report: LoadReport)]) throws(Refusal) -> LoadReport {
        guard let (firstFile, first) = results.first else { throw Refusal(description: "no result files to merge") }
        var byShard: [Int: String] = [:]
        for (file, report) in results {
            if let difference = planDifference(first, report) {
                throw Refusal(description: "\(file): another plan than \(firstFile) (\(difference))")
            }
            for shard in report.shards {
                if let earlier = byShard[shard] {
                    throw Refusal(description: "\(file): shard \(shard)/\(first.shardCount) is also in \(earlier)")
                }
                byShard[shard] = file
            }
        }
        let missing = (1...first.shardCount).filter { byShard[$0] == nil }
        guard missing.isEmpty else {
            throw Refusal(description: "shard(s) " + missing.map { "\($0)/\(first.shardCount)" }.joined(separator: ", ")
                + " missing from " + results.map(\.file).joined(separator: ", "))
        }
        var steps = first.steps
        for (_, report) in results.dropFirst() {
            steps = zip(steps, report.steps).map { $0.merged(with: $1) }
        }
        return LoadReport(targetRates: first.targetRates, stepSeconds: first.stepSeconds, soakSeconds: first.soakSeconds,
                          startAt: first.startAt,
                          shardCount: first.shardCount, shards: byShard.keys.sorted(),
                          startedAt: results.map(\.report.startedAt).min()!, publicURL: first.publicURL,
                          confirmURL: first.confirmURL, eventId: first.eventId,
                          maxInFlight: results.map(\.report.maxInFlight).max()!, steps: steps)
    }

    /// What makes `other` another plan than `first`, or nil.
    static func planDifference(_ first: LoadReport, _ other: LoadReport) -> String? {
        func rates(_ report: LoadReport) -> String { report.targetRates.map(String.init).joined(separator: ",") }
        func start(_ report: LoadReport) -> String {
            report.startAt.map { String(Int($0.timeIntervalSince1970)) } ?? "none"
        }
        if first.targetRates != other.targetRates { return "rates \(rates(other)), not \(rates(first))" }
        if first.stepSeconds != other.stepSeconds {
            return "step seconds \(other.stepSeconds), not \(first.stepSeconds)"
        }
        if first.soakSeconds != other.soakSeconds {
            return "soak " + (other.soakSeconds.map { "\($0) s" } ?? "none") + ", not "
                + (first.soakSeconds.map { "\($0) s" } ?? "none")
        }
        if first.startAt != other.startAt { return "start-at \(start(other)), not \(start(first))" }
        if first.shardCount != other.shardCount { return "\(other.shardCount) shards, not \(first.shardCount)" }
        if first.eventId != other.eventId { return "event \(other.eventId), not \(first.eventId)" }
        if other.steps.count != other.schedule.count {
            return "\(other.steps.count) steps recorded for \(other.schedule.count) planned"
        }
        return nil
    }
}
