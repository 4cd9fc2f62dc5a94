import Foundation
import Testing
import Ticketing
import TpsctlTestSupport
@testable import E2EScenario
@testable import LoadFiguresTestSupport

/// `tpsctl load figures --result`: one column per step of a (merged) load result, each step's
/// window running from its first shard's start to its last shard's end.
@Suite("tpsctl load figures --result as a process")
struct LoadResultFiguresCommandTests {
    /// Two shards, two steps of 150 s, the second shard starting each step 2 s after the first.
    static func result(startingAt start: Date) throws -> LoadReport {
        let shards = [1, 2].map { index -> LoadReport in
            let steps = [100, 500].enumerated().map { number, rate in
                LoadStepResult(targetRate: rate, shards: [.init(
                    shard: index, targetRate: rate / 2, seconds: 150, requests: 10, dropped: 0, skippedPurchases: 0,
                    startedAt: start.addingTimeInterval(Double(number * 200 + (index - 1) * 2)))], kinds: [:])
            }
            return LoadReport(targetRates: [100, 500], stepSeconds: 150, startAt: start, shardCount: 2, shards: [index],
                              startedAt: start, publicURL: "http://127.0.0.1:1", confirmURL: "http://127.0.0.1:2",
                              eventId: "evt-0001", maxInFlight: 64, steps: steps)
        }
        return try LoadReportMerge.merge([("1.json", shards[0]), ("2.json", shards[1])])
    }

    @Test("each step's column holds the datapoints of its own window widened to whole minutes, not those after the steps")
    func stepColumns() async throws {
        let fixture = try FiguresFixture("res")
        defer { fixture.removeFiles() }
        try await fixture.recordState()
        let start = Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 - 480) / 60).rounded(.down) * 60)
        let resultFile = fixture.directory.appendingPathComponent("load.json")
        try Self.result(startingAt: start).encoded().write(to: resultFile)
        let client = try fixture.client()
        let group = [("LoadBalancer", fixture.loadBalancer), ("TargetGroup", fixture.targetGroup("public-api"))]
        for (seconds, count) in [(100.0, 90.0), (179, 5), (300, 300), (359, 7), (360, 1000)] {
            try await fixture.put("AWS/ApplicationELB", "RequestCount", group, [count], at: start.addingTimeInterval(seconds),
                                  with: client)
        }

        let result = try await TpsctlChild.run(
            fixture.figuresCommand(["--region", FiguresFixture.region, "--result", resultFile.path]),
            environment: fixture.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("| figure | 100 req/s | 500 req/s |"), "\(result.stdout)")
        // Step 1 ran [start, start+152 s), measured [start, start+180 s); step 2 [start+200 s, start+352 s),
        // measured [start+180 s, start+360 s).
        #expect(result.stdout.contains("| ALB public-api requests | 95 | 307 |"), "\(result.stdout)")
    }

    @Test("a result file that is not a load result is named in one line")
    func unreadableResult() async throws {
        let fixture = try FiguresFixture("resbad")
        defer { fixture.removeFiles() }
        let missing = fixture.directory.appendingPathComponent("missing.json").path
        let result = try await TpsctlChild.run(
            fixture.figuresCommand(["--result", missing]), environment: fixture.environment)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("tpsctl: error: \(missing): cannot read it"), "\(result.stderr)")
        #expect(try await fixture.loggedRequests() == [])
    }
}
