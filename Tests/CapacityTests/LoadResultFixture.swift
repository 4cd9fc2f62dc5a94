import Foundation
@testable import E2EScenario

/// A `tpsctl load --json` result built from the load bot's own types, so the tests read exactly
/// what the bot writes.
enum LoadResultFixture {
    /// One step per rate; each kind answered `requests × weight` times at `latencyMs`, with
    /// `failures` of them unanswered, over 10 seconds.
    static func report(steps: [(rate: Int, latencyMs: Double, failures: Int)]) throws -> Data {
        let results = steps.map { step -> LoadStepResult in
            var kinds: [LoadRequestKind: LoadTally] = [:]
            for kind in LoadRequestKind.allCases {
                var tally = LoadTally()
                for _ in 0..<(step.rate * 10 * kind.weight / 100) { tally.record(status: 200, latencyMs: step.latencyMs) }
                for _ in 0..<(kind == .summary ? step.failures : 0) { tally.record(status: nil, latencyMs: 0) }
                kinds[kind] = tally
            }
            let shard = LoadStepResult.ShardFigures(shard: 1, targetRate: step.rate, seconds: 10,
                                                    requests: step.rate * 10 + step.failures, dropped: 0, skippedPurchases: 0)
            return LoadStepResult(targetRate: step.rate, shards: [shard], kinds: kinds)
        }
        let report = LoadReport(targetRates: steps.map(\.rate), stepSeconds: 10, startAt: nil, shardCount: 1, shards: [1],
                                startedAt: Date(timeIntervalSince1970: 1_800_000_000), publicURL: "http://127.0.0.1:1",
                                confirmURL: "http://127.0.0.1:2", eventId: "E0001", maxInFlight: 64, steps: results)
        return try report.encoded()
    }
}
