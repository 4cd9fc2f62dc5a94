import Foundation
import Testing
import Ticketing
@testable import E2EScenario

/// Shard results merge into sums of their counts and histograms, and results of another plan,
/// a shard twice or a missing shard are refused naming the file.
struct LoadReportMergeTests {
    static func tally(ok: Int, conflicts: Int = 0, latencies: [Double]) -> LoadTally {
        var tally = LoadTally()
        for (number, latency) in latencies.enumerated() {
            tally.record(status: number < ok ? 200 : (number < ok + conflicts ? 409 : 503), latencyMs: latency)
        }
        return tally
    }

    static func shard(_ index: Int, of count: Int, rates: [Int] = [20, 40], stepSeconds: Int = 2,
                      startAt: Date? = Date(timeIntervalSince1970: 1_800_000_000), soakSeconds: Int? = nil) -> LoadReport {
        let shard = LoadShard(uncheckedIndex: index, count: count)
        let schedule = LoadStepPlan.schedule(rates: rates, stepSeconds: stepSeconds, soakSeconds: soakSeconds)
        let steps = schedule.map(\.rate).enumerated().map { number, rate in
            LoadStepResult(targetRate: rate,
                           shards: [.init(shard: index, targetRate: shard.share(of: rate), seconds: 2,
                                          requests: 10 * index + number, dropped: index, skippedPurchases: 0)],
                           kinds: [.summary: tally(ok: 3, latencies: [1.5 * Double(index), 2, 40]),
                                   .purchase: tally(ok: 1, conflicts: index - 1, latencies: [9, 11, 12])])
        }
        return LoadReport(targetRates: rates, stepSeconds: stepSeconds, soakSeconds: soakSeconds, startAt: startAt,
                          shardCount: count,
                          shards: [index], startedAt: Date(timeIntervalSince1970: 1_800_000_000 - Double(index)),
                          publicURL: "http://127.0.0.1:1", confirmURL: "http://127.0.0.1:2", eventId: "evt-0001",
                          maxInFlight: 64, steps: steps)
    }

    @Test func mergedFiguresAreTheShardsSums() throws {
        let (one, two) = (Self.shard(1, of: 2), Self.shard(2, of: 2))
        let merged = try LoadReportMerge.merge([("b.json", two), ("a.json", one)])
        #expect(merged.shards == [1, 2])
        for (number, step) in merged.steps.enumerated() {
            let parts = [one.steps[number], two.steps[number]]
            #expect(step.requests == parts.reduce(0) { $0 + $1.requests })
            #expect(step.achievedRate == parts.reduce(0) { $0 + $1.achievedRate })
            #expect(step.dropped == 3)
            #expect(step.shards.map(\.shard) == [1, 2])
            #expect(step.shards.map(\.targetRate).reduce(0, +) == step.targetRate)
            for kind in [LoadRequestKind.summary, .purchase] {
                var sum = parts[0].kinds[kind]!
                sum.merge(parts[1].kinds[kind]!)
                #expect(step.kinds[kind] == sum)
            }
            #expect(step.conflicts == 1)
            #expect(step.serverErrors == 2 + 1)
        }
        let decoded = try JSONCoding.makeDecoder().decode(LoadReport.self, from: merged.encoded())
        #expect(decoded == merged)
        #expect(merged.markdown().contains("| step | shard 1/2 | shard 2/2 |"))
    }

    @Test func anotherPlanIsRefusedNamingTheFile() {
        let cases: [(LoadReport, String)] = [
            (Self.shard(2, of: 2, rates: [20, 50]), "rates 20,50, not 20,40"),
            (Self.shard(2, of: 2, stepSeconds: 3), "step seconds 3, not 2"),
            (Self.shard(2, of: 2, startAt: Date(timeIntervalSince1970: 1_800_000_001)),
             "start-at 1800000001, not 1800000000"),
            (Self.shard(2, of: 3), "3 shards, not 2"),
            (Self.shard(2, of: 2, soakSeconds: 60), "soak 60 s, not none"),
        ]
        for (other, difference) in cases {
            #expect(throws: LoadReportMerge.Refusal(description: "b.json: another plan than a.json (\(difference))")) {
                try LoadReportMerge.merge([("a.json", Self.shard(1, of: 2)), ("b.json", other)])
            }
        }
    }

    /// The soak is a last step at the last rate, after the rates' steps, with its own length.
    @Test func aSoakIsTheLastStepAtTheLastRate() throws {
        let merged = try LoadReportMerge.merge([("a.json", Self.shard(1, of: 2, soakSeconds: 1800)),
                                                ("b.json", Self.shard(2, of: 2, soakSeconds: 1800))])
        #expect(merged.schedule == [LoadStepPlan(rate: 20, offsetSeconds: 0, seconds: 2, isSoak: false),
                                    LoadStepPlan(rate: 40, offsetSeconds: 2, seconds: 2, isSoak: false),
                                    LoadStepPlan(rate: 40, offsetSeconds: 4, seconds: 1800, isSoak: true)])
        #expect(merged.steps.count == 3)
        #expect(merged.markdown().contains("then a soak of 1800 s at the last rate"))
        #expect(merged.markdown().contains("\n| 40 req/s soak | "))
    }

    @Test func aShardTwiceOrMissingIsRefused() {
        #expect(throws: LoadReportMerge.Refusal(description: "b.json: shard 1/2 is also in a.json")) {
            try LoadReportMerge.merge([("a.json", Self.shard(1, of: 2)), ("b.json", Self.shard(1, of: 2))])
        }
        #expect(throws: LoadReportMerge.Refusal(description: "shard(s) 2/3, 3/3 missing from a.json")) {
            try LoadReportMerge.merge([("a.json", Self.shard(1, of: 3))])
        }
    }
}

extension LoadReportMerge.Refusal: Equatable {
    public static func == (left: Self, right: Self) -> Bool { left.description == right.description }
}
