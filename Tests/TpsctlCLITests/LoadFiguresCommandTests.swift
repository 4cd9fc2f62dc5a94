import Foundation
import Testing
import TpsctlTestSupport
@testable import LoadFiguresTestSupport

/// `tpsctl load figures` as a process: a window's figures appended to a report, and bad input
/// refused in one line naming the flag or file before any AWS call.
@Suite("tpsctl load figures as a process")
struct LoadFiguresCommandTests {
    @Test("a --from/--until window's figures of the recorded deployment are appended to --report")
    func appendsToReport() async throws {
        let fixture = try FiguresFixture("cli")
        defer { fixture.removeFiles() }
        try await fixture.recordState()
        let now = Int(Date().timeIntervalSince1970) / 60 * 60
        let group = [("LoadBalancer", fixture.loadBalancer), ("TargetGroup", fixture.targetGroup("confirm-api"))]
        try await fixture.put("AWS/ApplicationELB", "RequestCount", group, [120], at: Date(timeIntervalSince1970: Double(now - 60)),
                              with: try fixture.client())
        let report = fixture.directory.appendingPathComponent("load-report.md")
        try "# Load test report\n".write(to: report, atomically: true, encoding: .utf8)

        let result = try await TpsctlChild.run(
            fixture.figuresCommand(["--region", FiguresFixture.region, "--from", String(now - 120), "--until", String(now),
                                    "--report", report.path]), environment: fixture.environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "figures of 1 region(s) appended to \(report.path)\n")
        let text = try String(contentsOf: report, encoding: .utf8)
        #expect(text.hasPrefix("# Load test report\n\n## CloudWatch figures, ap-northeast-1\n"), "\(text)")
        #expect(text.contains("| ALB confirm-api requests | 120 |"), "\(text)")
        #expect(text.contains("| ALB confirm-api req/s | 1.0 |"), "\(text)")  // 120 requests in 120 s
        #expect(text.contains("| ALB public-api requests | no data |"), "\(text)")
        #expect(text.contains("Redis replication group \(fixture.redisGroup) has no nodes"), "\(text)")
    }

    @Test("bad windows, an unknown region and missing stage state are one-line errors, with no AWS call")
    func badInput() async throws {
        let fixture = try FiguresFixture("bad")
        defer { fixture.removeFiles() }
        let state = fixture.stateDirectory.path
        let cases: [([String], String)] = [
            (["--from", "2026-11-26T05:00:00Z", "--until", "2026-11-26T04:00:00Z"],
             "--until 2026-11-26T04:00:00Z: not after --from 2026-11-26T05:00:00Z"),
            (["--from", "yesterday", "--until", "2026-11-26T04:00:00Z"],
             "--from yesterday: expected unix seconds or RFC 3339 like 2026-11-26T05:00:00Z"),
            (["--from", "1795669200"], "--from: give --until with it"),
            ([], "load figures: give --result <load JSON> or --from and --until"),
            (["--result", "load.json", "--from", "1795669200", "--until", "1795669300"],
             "--result with --from/--until: the result's steps are the windows; give one of them"),
            (["--region", "eu-west-9", "--from", "1795669200", "--until", "1795669300"],
             "--region: 'eu-west-9' is not a region of \(fixture.stackFile.path) (it has ap-northeast-1, ap-northeast-2)"),
            (["--region", "ap-northeast-1", "--from", "1795669200", "--until", "1795669300"],
             "\(state)/ap-northeast-1/05-services.json: no state recorded for stage 05-services; "
                + "run `tpsctl up --stage 05 --region ap-northeast-1` first"),
        ]
        for (arguments, message) in cases {
            let result = try await TpsctlChild.run(fixture.figuresCommand(arguments), environment: fixture.environment)
            result.expectOneLineError(message)
        }
        try await fixture.recordState(dataplane: false)
        let result = try await TpsctlChild.run(
            fixture.figuresCommand(["--region", "ap-northeast-1", "--from", "1795669200", "--until", "1795669300"]),
            environment: fixture.environment)
        result.expectOneLineError("\(state)/ap-northeast-1/03-dataplane.json: no state recorded for stage 03-dataplane; "
            + "run `tpsctl up --stage 03 --region ap-northeast-1` first")
        #expect(try await fixture.loggedRequests() == [])
    }
}
