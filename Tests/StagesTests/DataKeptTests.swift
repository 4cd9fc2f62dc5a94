import AWSClient
import Foundation
import Provisioning
import Stages
import Testing
@testable import StagesTestSupport

/// Issue 16, part 4: a `production: true` stack keeps its data. Against the local AWS, which
/// deletes a cluster's automated snapshots with it and keeps manual (final) ones, as AWS does.
@Suite("Production stacks keep their data", .serialized)
struct DataKeptTests {
    @Test("a production stack's Aurora is deletion-protected; down leaves a final snapshot, --skip-final-snapshot none; PITR is on")
    func productionKeepsData() async throws {
        let test = try TestStack("keep", extraYAML: "production: true\n")
        defer { test.removeFiles() }
        let report = try await test.up(to: "03")
        #expect(report.succeeded, "up failed: \(report.failures)")

        var clusters: [String: String] = [:]
        for (region, short) in [("ap-northeast-1", "apne1"), ("ap-northeast-2", "apne2")] {
            let client = try test.client(region)
            let cluster = try #require(try await RDS(client: client).describeDBCluster(id: "\(test.name)-\(short)-aurora"))
            #expect(cluster.deletionProtection, "\(region): production clusters are deletion-protected")
            let backups = try await client.json(.dynamoDB, "DescribeContinuousBackups", ["TableName": .string("\(test.name)-\(short)-seat-locks")])
            #expect(backups["ContinuousBackupsDescription"]?["PointInTimeRecoveryDescription"]?["PointInTimeRecoveryStatus"]?.string == "ENABLED")
            clusters[region] = cluster.id
        }

        // Tokyo through its final snapshot, Seoul with --skip-final-snapshot.
        for (region, skip) in [("ap-northeast-1", false), ("ap-northeast-2", true)] {
            var deployment = try test.deployment(regions: [region])
            deployment.skipFinalSnapshot = skip
            let graph = try await deployment.graph(try test.targets(deployment))
            let down = await deployment.engine(options: TestStack.fastOptions).destroy(graph, selection: deployment.selection)
            #expect(down.succeeded, "\(region): \(down.failures) \(down.leftovers)")
        }
        let tokyo = RDS(client: try test.client("ap-northeast-1"))
        let kept = try await tokyo.manualClusterSnapshots(clusterId: try #require(clusters["ap-northeast-1"]))
        #expect(kept.count == 1 && kept[0].hasPrefix("\(clusters["ap-northeast-1"]!)-final-"), "\(kept)")
        #expect(try await tokyo.describeDBCluster(id: clusters["ap-northeast-1"]!) == nil)
        let seoul = RDS(client: try test.client("ap-northeast-2"))
        #expect(try await seoul.manualClusterSnapshots(clusterId: clusters["ap-northeast-2"]!).isEmpty)
        for snapshot in kept {
            _ = try await test.client("ap-northeast-1").query(.rds, "DeleteDBClusterSnapshot", ["DBClusterSnapshotIdentifier": snapshot])
        }
    }
}
