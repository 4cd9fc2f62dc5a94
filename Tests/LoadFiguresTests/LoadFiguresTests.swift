import AWSClient
import Foundation
import LoadFigures
import Provisioning
import Testing
@testable import LoadFiguresTestSupport

/// The figures read from the local AWS: datapoints put for the dimension values the recorded
/// state names come back per window as sums, maxima, averages and percentiles; a metric with
/// none is "no data", not zero.
@Suite("CloudWatch figures of a recorded deployment")
struct LoadFiguresTests {
    @Test("each window's figures are the datapoints put for the recorded ALB, ECS services, queues, Aurora cluster and Redis nodes")
    func figuresPerWindow() async throws {
        let fixture = try FiguresFixture("win")
        defer { fixture.removeFiles() }
        try await fixture.recordState()
        let client = try fixture.client()
        // A Redis group with two nodes, whose member clusters are the CacheClusterId values.
        _ = try await client.query(.elastiCache, "CreateReplicationGroup", [
            "ReplicationGroupId": fixture.redisGroup, "ReplicationGroupDescription": "figures test", "Engine": "redis",
            "CacheNodeType": "cache.t4g.micro", "NumCacheClusters": "2",
        ])

        // Whole minutes, as CloudWatch measures: the windows are asked as they are.
        let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
        let first = try FigureWindow(label: "100 req/s", from: now.addingTimeInterval(-600), until: now.addingTimeInterval(-300))
        let second = try FigureWindow(label: "500 req/s", from: now.addingTimeInterval(-300), until: now)
        let inFirst = now.addingTimeInterval(-450)
        let inSecond = now.addingTimeInterval(-150)
        let group = [("LoadBalancer", fixture.loadBalancer), ("TargetGroup", fixture.targetGroup("public-api"))]
        let alb = "AWS/ApplicationELB"
        try await fixture.put(alb, "RequestCount", group, [40, 60], at: inFirst, with: client)
        try await fixture.put(alb, "RequestCount", group, [300], at: inSecond, with: client)
        try await fixture.put(alb, "HTTPCode_Target_2XX_Count", group, [291], at: inSecond, with: client)
        try await fixture.put(alb, "HTTPCode_Target_5XX_Count", group, [9], at: inSecond, with: client)
        try await fixture.put(alb, "TargetResponseTime", group, (1...20).map { Double($0) / 1000 }, at: inSecond, with: client)
        let service = [("ClusterName", fixture.cluster), ("ServiceName", fixture.ecsService("public-api"))]
        try await fixture.put("AWS/ECS", "CPUUtilization", service, [30, 70], at: inSecond, with: client)
        let worker = [("ClusterName", fixture.cluster), ("ServiceName", fixture.ecsService("confirm-worker"))]
        try await fixture.put("ECS/ContainerInsights", "RunningTaskCount", worker, [2, 4, 3], at: inSecond, with: client)
        try await fixture.put("AWS/SQS", "NumberOfMessagesSent", [("QueueName", fixture.commitQueue)], [100], at: inSecond, with: client)
        try await fixture.put("AWS/SQS", "NumberOfMessagesReceived", [("QueueName", fixture.commitQueue)], [110], at: inSecond, with: client)
        try await fixture.put("AWS/SQS", "NumberOfMessagesDeleted", [("QueueName", fixture.commitQueue)], [100], at: inSecond, with: client)
        try await fixture.put("AWS/SQS", "ApproximateNumberOfMessagesVisible", [("QueueName", fixture.deadLetterQueue)], [1, 2],
                              at: inSecond, with: client)
        let aurora = [("DBClusterIdentifier", fixture.auroraCluster)]
        try await fixture.put("AWS/RDS", "DatabaseConnections", aurora, [5, 12], at: inSecond, with: client)
        try await fixture.put("AWS/RDS", "CommitLatency", aurora, [2, 4], at: inSecond, with: client)
        try await fixture.put("AWS/ElastiCache", "CacheHits", [("CacheClusterId", "\(fixture.redisGroup)-001")], [60], at: inSecond, with: client)
        try await fixture.put("AWS/ElastiCache", "CacheHits", [("CacheClusterId", "\(fixture.redisGroup)-002")], [30], at: inSecond, with: client)
        try await fixture.put("AWS/ElastiCache", "CacheMisses", [("CacheClusterId", "\(fixture.redisGroup)-001")], [10], at: inSecond, with: client)

        let deployment = try await DeploymentDimensions.recorded(in: StateStore(root: fixture.stateDirectory),
                                                                 region: FiguresFixture.region)
        #expect(deployment.loadBalancer == fixture.loadBalancer)
        #expect(deployment.targetGroups.map(\.dimension) == [fixture.targetGroup("public-api"), fixture.targetGroup("confirm-api")])
        let table = try await LoadFigures.collect(client: client, deployment: deployment, windows: [first, second])

        func values(_ label: String) -> [Double?] {
            let found = table.values(label)
            #expect(found != nil, "no row \(label)")
            return found ?? []
        }
        #expect(values("ALB public-api requests") == [100, 300])
        #expect(values("ALB public-api req/s") == [100.0 / 300, 1.0])
        #expect(values("ALB public-api target p95 ms") == [nil, 19])
        #expect(values("ALB public-api target p99 ms") == [nil, 20])
        #expect(values("ALB public-api 2xx ratio") == [nil, 0.97])
        #expect(values("ALB public-api target 5xx") == [nil, 9])
        #expect(values("ALB public-api target 4xx") == [nil, nil])
        #expect(values("ALB confirm-api requests") == [nil, nil])
        #expect(values("ALB ELB 5xx") == [nil, nil])
        #expect(values("ECS public-api CPU avg") == [nil, 50])
        #expect(values("ECS public-api CPU max") == [nil, 70])
        #expect(values("ECS confirm-worker running tasks min") == [nil, 2])
        #expect(values("ECS confirm-worker running tasks max") == [nil, 4])
        #expect(values("SQS commit sent") == [nil, 100])
        #expect(values("SQS commit receives per delete (retries)") == [nil, 1.1])
        #expect(values("SQS DLQ visible max") == [nil, 2])
        #expect(values("SQS DLQ ratio (DLQ visible max / sent)") == [nil, 0.02])
        #expect(values("Aurora connections max") == [nil, 12])
        #expect(values("Aurora commit latency avg ms") == [nil, 3])
        #expect(values("Aurora select latency avg ms") == [nil, nil])
        #expect(values("Redis cache hits") == [nil, 90])
        #expect(values("Redis hit ratio") == [nil, 0.9])

        let markdown = table.markdown()
        #expect(markdown.contains("| figure | 100 req/s | 500 req/s |"), "\(markdown)")
        #expect(markdown.contains("| ALB public-api requests | 100 | 300 |"), "\(markdown)")
        #expect(markdown.contains("| ALB public-api target p95 ms | no data | 19.00 |"), "\(markdown)")
        #expect(markdown.contains("| ALB ELB 5xx | no data | no data |"), "\(markdown)")
        #expect(markdown.contains("| Redis hit ratio | no data | 90.00% |"), "\(markdown)")
    }

    @Test("more queries than one GetMetricData call takes are read in batches of 500")
    func batches() async throws {
        let fixture = try FiguresFixture("batch")
        defer { fixture.removeFiles() }
        let client = try fixture.client()
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let window = try FigureWindow(label: "w", from: now.addingTimeInterval(-120), until: now)
        try await fixture.put("Test/Figures", "Count", [("Name", fixture.name)], [7], at: now.addingTimeInterval(-60), with: client)
        let queries = (0..<(MetricDataReader.batchSize + 20)).map {
            MetricQuery("Test/Figures", "Count", [.init("Name", $0 == MetricDataReader.batchSize + 5 ? fixture.name : "\(fixture.name)-\($0)")], "Sum")
        }
        let found = try await MetricDataReader(client: client).values(of: queries, in: window)
        #expect(found[queries[MetricDataReader.batchSize + 5]] == [7])
        #expect(found.values.filter { !$0.isEmpty }.count == 1)
        let calls = try await fixture.loggedRequests().filter { $0 == "monitoring:GetMetricData" }
        #expect(calls.count == 2)
    }
}
