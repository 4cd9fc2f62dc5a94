import Foundation
import Testing
import TpsctlTestSupport
@testable import E2EScenario
@testable import LoadFiguresTestSupport

/// `tpsctl load figures --result … --report …`: the seed's checks per step, with each
/// service's scaling reaction read from RunningTaskCount a minute at a time, and the running
/// tasks chart written beside the report and linked from it.
@Suite("tpsctl load figures: the seed's checks and the running tasks chart")
struct SeedChecksCommandTests {
    @Test("the scaling reaction is the end of the last minute tasks rose, from the step's start; the tasks chart is linked")
    func scalingReactionAndTasksChart() async throws {
        let fixture = try FiguresFixture("seed")
        defer { fixture.removeFiles() }
        try await fixture.recordState()
        let start = Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 - 600) / 60).rounded(.down) * 60)
        let resultFile = fixture.directory.appendingPathComponent("load.json")
        try LoadResultFiguresCommandTests.result(startingAt: start).encoded().write(to: resultFile)
        let client = try fixture.client()
        let api = [("ClusterName", fixture.cluster), ("ServiceName", fixture.ecsService("public-api"))]
        // Step 1 [start, start+152 s): 2 → 3 → 5 (rising in its 2nd and 3rd minutes);
        // step 2 [start+200 s, start+352 s): 5 → 5 → 5 (no rise).
        for (minute, tasks) in [(0, 2.0), (1, 3), (2, 5), (3, 5), (4, 5), (5, 5)] {
            try await fixture.put("ECS/ContainerInsights", "RunningTaskCount", api, [tasks],
                                  at: start.addingTimeInterval(Double(minute * 60 + 5)), with: client)
        }
        let report = fixture.directory.appendingPathComponent("load.md")
        try "# Load test report\n".write(to: report, atomically: true, encoding: .utf8)

        let run = try await TpsctlChild.run(
            fixture.figuresCommand(["--region", FiguresFixture.region, "--result", resultFile.path,
                                    "--report", report.path]),
            environment: fixture.environment)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: report, encoding: .utf8)
        #expect(text.contains("## The seed's checks, \(FiguresFixture.region)"), "\(text)")
        #expect(text.contains("| scaling reaction s, public-api | RunningTaskCount, 1-min | 180 | 0 |"), "\(text)")
        #expect(text.contains("| DynamoDB hit ratio | — | not published by AWS | not published by AWS |"))
        #expect(text.contains("| worker delay s (oldest commit) | SQS ApproximateAgeOfOldestMessage max | no data | no data |"))
        let chart = "load-tasks-\(FiguresFixture.region).svg"
        #expect(text.contains("](\(chart))"), "\(text)")
        let svg = try String(contentsOf: fixture.directory.appendingPathComponent(chart), encoding: .utf8)
        #expect(svg.contains(">running tasks<"))
        #expect(svg.contains(">public-api<"))
        // Six minutes of datapoints: one line of six points for public-api.
        let line = try #require(svg.split(separator: "\n").first { $0.hasPrefix("<polyline class=\"s0\"") && $0.contains("stroke-width") && $0.contains("points=\"") && $0.split(separator: " ").count > 8 })
        #expect(line.split(separator: " ").filter { $0.contains(",") }.count == 6)
    }
}
