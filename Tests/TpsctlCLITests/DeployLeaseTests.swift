import AWSClient
import Foundation
import Provisioning
import Testing
import TpsctlTestSupport
@testable import StagesTestSupport

/// The stack's lease in the account, as two machines meet it: two `tpsctl up` processes with
/// different `--state-dir` (so the local lock file cannot see the other) against the local AWS.
@Suite("The deploy lease shared by runs on different machines", .serialized)
struct DeployLeaseTests {
    static let regions = ["ap-northeast-1", "ap-northeast-2"]

    /// `up`/`down` of stage 00 with this state directory (the CLIStack's or another one).
    /// `up` without its verify pass: verify's reads come before the lease, and slowed by the latency
    /// fault they would let a holder finish before the second run even asks for the lease.
    static func arguments(_ stack: CLIStack, _ command: String, stateDirectory: URL, _ extra: [String] = []) -> [String] {
        [command, "--stack", stack.test.stackFile.path, "--all-regions", "--to", "00", "--state-dir", stateDirectory.path]
            + (command == "up" ? ["--no-verify"] : []) + extra
    }

    static func vpcCounts(_ stack: CLIStack) async throws -> [Int] {
        var counts: [Int] = []
        for region in regions {
            counts.append(try await IndependentReads(client: try stack.test.client(region), stack: stack.test.name).vpcs().count)
        }
        return counts
    }

    @Test("two up --to 00 at once with different --state-dir: one runs, the other fails at once naming the holder; one VPC per region; down leaves none")
    func concurrentUpsMakeOneVPC() async throws {
        let stack = try CLIStack("lease")
        defer { stack.test.removeFiles() }
        let otherState = stack.test.directory.appendingPathComponent("out-other")
        // Every call 50 ms slower: the winner still runs when the loser asks.
        try await stack.addFault(["kind": "latency", "latencyMs": 50])
        let children = try [stack.test.stateDirectory, otherState].map {
            try TpsctlChild(Self.arguments(stack, "up", stateDirectory: $0), environment: stack.environment)
        }
        var results: [TpsctlChild.Result] = []
        for child in children { results.append(await child.wait()) }
        try await stack.removeFaults()

        let winners = results.indices.filter { results[$0].status == 0 }
        let losers = results.indices.filter { results[$0].status != 0 }
        try #require(winners.count == 1 && losers.count == 1,
                     "exactly one up succeeds: \(results.map { "\($0.status): \($0.stderr)" })")
        let refusal = results[losers[0]].stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!refusal.contains("\n"), "a one-line refusal: \(refusal)")
        #expect(refusal.contains("stack '\(stack.test.name)' is being changed by"), "\(refusal)")
        #expect(refusal.contains("pid \(children[winners[0]].pid)"), "it names the holder's pid: \(refusal)")
        #expect(refusal.contains("'up --state-dir"), "and its command: \(refusal)")
        #expect(try await Self.vpcCounts(stack) == [1, 1], "one VPC per region")

        let winnerState = winners[0] == 0 ? stack.test.stateDirectory : otherState
        let down = try await TpsctlChild.run(Self.arguments(stack, "down", stateDirectory: winnerState, ["--yes"]),
                                             environment: stack.environment)
        #expect(down.status == 0, "down: \(down.stdout)\(down.stderr)")
        #expect(try await Self.vpcCounts(stack) == [0, 0], "down leaves no VPC")
    }

    @Test("a lease outlives its holder's kill -9 by its TTL only, is renewed while its holder runs, and --force-unlock takes it over at once")
    func leaseExpiresRenewsAndIsForced() async throws {
        let stack = try CLIStack("lease-ttl")
        defer { stack.test.removeFiles() }
        let otherState = stack.test.directory.appendingPathComponent("out-other")
        var environment = stack.environment
        environment["TPSCTL_LEASE_SECONDS"] = "4"

        // A holder slowed to run well past the TTL: refused after more than one TTL means renewed.
        // 500 ms a call keeps its ~50 creates busy for ~25 s, past the refused run and the kill below
        // (at 150 ms a call it could finish, and release the lease, before the kill).
        try await stack.addFault(["kind": "latency", "latencyMs": 500])
        let holder = try TpsctlChild(Self.arguments(stack, "up", stateDirectory: stack.test.stateDirectory), environment: environment)
        let started = ContinuousClock.now
        let table = DynamoDB(client: try stack.test.client("ap-northeast-1"))
        while holder.process.isRunning,
              try await table.getItem(table: DeployLease.defaultTable, key: ["leaseId": ["S": .string("stack/\(stack.test.name)")]]) == nil {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .seconds(6))
        try #require(holder.process.isRunning, "the holder still runs 6 s (> the 4 s TTL) after taking the lease")
        let refused = try await TpsctlChild.run(Self.arguments(stack, "up", stateDirectory: otherState), environment: environment)
        #expect(refused.status == 1 && refused.stderr.contains("is being changed by"),
                "renewed past its TTL, the lease still refuses: \(refused.stderr)")

        holder.kill9()
        _ = await holder.wait()
        let killedAt = ContinuousClock.now
        try await stack.removeFaults()
        let early = try await TpsctlChild.run(Self.arguments(stack, "up", stateDirectory: otherState), environment: environment)
        if ContinuousClock.now - killedAt < .seconds(3) {
            #expect(early.status == 1 && early.stderr.contains("is being changed by"), "just killed, still held: \(early.stderr)")
        }
        try await Task.sleep(for: .seconds(5))
        let afterExpiry = try await TpsctlChild.run(Self.arguments(stack, "up", stateDirectory: otherState), environment: environment)
        #expect(afterExpiry.status == 0, "expired without --force-unlock: \(afterExpiry.stderr)")

        // A live-looking lease (just taken by a run killed at once) is taken over by --force-unlock.
        let second = try TpsctlChild(Self.arguments(stack, "up", stateDirectory: stack.test.stateDirectory, ["--force-unlock"]),
                                     environment: stack.environment)
        while second.process.isRunning,
              try await table.getItem(table: DeployLease.defaultTable, key: ["leaseId": ["S": .string("stack/\(stack.test.name)")]]) == nil {
            try await Task.sleep(for: .milliseconds(20))
        }
        second.kill9()
        _ = await second.wait()
        let forced = try await TpsctlChild.run(
            Self.arguments(stack, "down", stateDirectory: otherState, ["--yes", "--force-unlock"]), environment: stack.environment)
        #expect(forced.status == 0, "--force-unlock takes over the 60 s lease of a killed run: \(forced.stderr)")
        #expect(try await Self.vpcCounts(stack) == [0, 0], "down leaves no VPC (\(ContinuousClock.now - started))")
    }
}
