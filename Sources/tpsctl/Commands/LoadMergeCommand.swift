import ArgumentParser
import E2EScenario
import Foundation

/// `tpsctl load merge`: the JSON results of a distributed run's shards (from several hosts or
/// ECS tasks) as one report — counts and latency histograms add exactly, per-shard rates stay
/// visible. Files of another plan, a shard twice or a missing shard are refused by name.
struct LoadMergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the --json results of `tpsctl load run --shard K/N` into one report.")

    @Argument(help: "The shards' JSON result files, one per shard.")
    var files: [String] = []

    @Option(help: "Markdown report path.")
    var report: String = "load-report.md"

    @Option(help: "Merged JSON result path (optional).")
    var json: String?

    func run() async throws {
        try await reportingErrors {
            guard !files.isEmpty else { throw ValidationError("load merge: name the shards' JSON files") }
            let merged = try LoadReportMerge.merge(try files.map { (file: $0, report: try LoadResultFiles.read($0)) })
            for step in merged.steps { print(LoadResultFiles.summary(of: step)) }
            try LoadResultFiles.write(merged, report: report, json: json)
            print("report: \(report)")
        }
    }
}
