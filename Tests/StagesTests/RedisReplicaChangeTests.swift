import AWSClient
import Foundation
import Provisioning
import Testing
@testable import StagesTestSupport

/// Issue 14, item 6: a change of `dataPlane.redis.replicas` keeps the replication group (and so
/// every hold in it): `up` adds or removes replicas in place and never deletes or re-creates it.
@Suite("Redis replicas change in place")
struct RedisReplicaChangeTests {
    @Test("replicas 1 → 2 → 1: the same group, IncreaseReplicaCount then DecreaseReplicaCount, no delete, no create")
    func replicasChangeInPlace() async throws {
        let test = try TestStack("replicas")
        defer { test.removeFiles() }
        #expect(try await test.up().succeeded)
        let client = try test.client("ap-northeast-1")
        let reads = IndependentReads(client: client, stack: test.name)
        let before = try #require(try await reads.replicationGroups().first)
        let arn = try #require(before.string("ARN"))
        #expect(before.child("MemberClusters")?.listItems().count == 2)

        for (replicas, action) in [(2, "IncreaseReplicaCount"), (1, "DecreaseReplicaCount")] {
            try setReplicas(replicas, in: test)
            let plan = try await test.plan(stage: "03")
            let change = try #require(plan.actions.first { $0.address.key == "redis_replication_group.main" })
            #expect(change.kind == .update, "a replica change is an update, not \(change.kind)")

            let seen = try await test.mutations().count
            let report = try await test.up(stage: "03")
            #expect(report.succeeded, "up failed: \(report.failures)")
            let calls = try await test.mutations().dropFirst(seen).filter { $0.service == "elasticache" }
            let actions = calls.compactMap(\.action)
            #expect(actions.filter { $0 == action }.count == 2, "one \(action) per region: \(actions)")
            #expect(!actions.contains("DeleteReplicationGroup") && !actions.contains("CreateReplicationGroup"),
                    "the group was replaced: \(actions)")
            let after = try #require(try await reads.replicationGroups().first)
            #expect(after.string("ARN") == arn)
            #expect(after.string("Status") == "available")
            #expect(after.child("MemberClusters")?.listItems().count == replicas + 1)
            #expect(after.string("MultiAZ") == "enabled")
        }
        #expect(try await test.down().succeeded)
    }

    /// Writes `dataPlane.redis.replicas` into the test's stack file.
    private func setReplicas(_ replicas: Int, in test: TestStack) throws {
        var text = try String(contentsOf: test.stackFile, encoding: .utf8)
        if let range = text.range(of: #"  redis:\n    replicas: \d+\n"#, options: .regularExpression) {
            text.removeSubrange(range)
        }
        text = text.replacingOccurrences(of: "  seatLocks:\n", with: "  redis:\n    replicas: \(replicas)\n  seatLocks:\n")
        try text.write(to: test.stackFile, atomically: true, encoding: .utf8)
    }
}
