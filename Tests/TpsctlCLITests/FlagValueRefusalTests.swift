import Foundation
import Testing
import TpsctlTestSupport
@testable import StagesTestSupport

/// The typed flags (`--stage/--from/--to`, `--image`, `--service`, `--shard`, `--start-at`) as a
/// user meets them: a bad value is one line naming the flag, exit 1, no usage, and no request
/// reaches the local AWS (its request log for this test's key stays empty).
@Suite("bad flag values: one line, exit 1, no AWS request")
struct FlagValueRefusalTests {
    static let stages = "00-network, 01-ecr, 02-cluster, 03-dataplane, 04-taskdefs, 05-services, 06-autoscaling, 07-cloudfront, 08-db-init"
    static let services = "public-api, confirm-api, confirm-worker"

    /// Arguments after the command's own stack flags → the error line.
    static let refusals: [(command: [String], extra: [String], message: String)] = [
        (["up"], ["--stage", "99"], "--stage: '99' is not a stage (expected one of \(stages))"),
        (["plan"], ["--from", "networks"], "--from: 'networks' is not a stage (expected one of \(stages))"),
        (["diff"], ["--to", "9"], "--to: '9' is not a stage (expected one of \(stages))"),
        (["up"], ["--stage", "03", "--from", "01"], "--stage: cannot be combined with --from or --to"),
        (["down"], ["--from", "05", "--to", "02"], "--from 05 comes after --to 02: no stage selected"),
        (["up"], ["--stage"], "Missing value for '--stage <stage>'"),
        (["up"], ["--image", "public-api=repo:latest"],
         "--image: 'repo:latest' is not a reference by digest (<repository>@sha256:<digest>)"),
        (["verify"], ["--image", "web=repo@sha256:0"],
         "--image: 'web=repo@sha256:0' is not <service>=<image> with a service of \(services)"),
        (["push"], ["--service", "web"], "--service: 'web' is not a service (expected one of \(services))"),
        (["render"], ["--service", "web"], "--service: 'web' is not a service (expected one of \(services))"),
        (["verify-image"], ["--service", "web"], "--service: 'web' is not a service (expected one of \(services))"),
        // The endpoint is checked once, where the clients' configuration resolves it.
        (["plan"], ["--endpoint-url", "notaurl"],
         "endpoint URL = 'notaurl' (from --endpoint-url): expected an http:// or https:// URL with a host"),
    ]

    @Test("each refused value names its flag; the local AWS sees no request", arguments: refusals.indices)
    func refused(_ index: Int) async throws {
        let (command, extra, message) = Self.refusals[index]
        let test = try TestStack("flag", images: false)
        defer { test.removeFiles() }
        let result = try await TpsctlChild.run(command + ["--stack", test.stackFile.path, "--all-regions"] + extra,
                                               environment: Self.environment(test))
        result.expectOneLineError(message)
        #expect(try await test.aws.requests(signedWith: test.accessKeyId).isEmpty)
    }

    @Test("load run's --shard and --start-at are refused before any request", arguments: [
        (["--shard", "x"], "--shard: 'x' is not K/N (e.g. 2/4)"),
        (["--shard", "3/2"], "--shard: '3/2' needs 1 <= K <= N <= 1024"),
        (["--start-at", "tomorrow"], "--start-at: 'tomorrow' is not unix seconds or RFC 3339 like 2026-11-26T05:00:00Z"),
    ])
    func loadRunRefused(_ extra: [String], _ message: String) async throws {
        let test = try TestStack("flag", images: false)
        defer { test.removeFiles() }
        let result = try await TpsctlChild.run(["load", "run", "--stack", test.stackFile.path] + extra,
                                               environment: Self.environment(test))
        result.expectOneLineError(message)
        #expect(try await test.aws.requests(signedWith: test.accessKeyId).isEmpty)
    }

    @Test("an unknown flag is one line too; --help still prints the usage and exits 0")
    func unknownFlagAndHelp() async throws {
        let unknown = try await TpsctlChild.run(["up", "--bogus"], environment: [:])
        unknown.expectOneLineError("Unknown option '--bogus'")
        let help = try await TpsctlChild.run(["up", "--help"], environment: [:])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: tpsctl up"), "\(help.stdout)")
        #expect(help.stdout.contains("--stage <stage>"), "\(help.stdout)")
    }

    /// This test's credentials only, so the request log filtered by its key is its own.
    static func environment(_ test: TestStack) -> [String: String] {
        ["HOME": test.directory.path, "AWS_ACCESS_KEY_ID": test.accessKeyId, "AWS_SECRET_ACCESS_KEY": "test-secret",
         "AWS_EC2_METADATA_DISABLED": "true"]
    }
}
