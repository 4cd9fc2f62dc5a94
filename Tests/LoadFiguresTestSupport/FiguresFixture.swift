import AWSClient
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Provisioning

/// One test's recorded deployment: a state directory holding what stages 03 and
/// 05 record (names unique to the test, so its metrics are its own) and an access key of its
/// own, against the local AWS (TPS_LOCAL_AWS_ENDPOINT; the test fails naming it when unset).
struct FiguresFixture {
    static let region = "ap-northeast-1"

    let endpoint: String
    let name: String
    let accessKeyId: String
    let directory: URL

    /// The repository's local stack (its regions are the emulator's); `--endpoint-url` sends to this test's emulator.
    var stackFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("stacks/local.yaml")
    }
    var stateDirectory: URL { directory.appendingPathComponent("out") }

    var loadBalancer: String { "app/\(name)/50dc6c495c0c9188" }
    func targetGroup(_ service: String) -> String { "targetgroup/\(name)-\(service)/73e2d6bc24d8a067" }
    var cluster: String { "\(name)-cluster" }
    func ecsService(_ service: String) -> String { "\(name)-\(service)" }
    var commitQueue: String { "\(name)-commit" }
    var deadLetterQueue: String { "\(name)-commit-dlq" }
    var auroraCluster: String { "\(name)-aurora" }
    var redisGroup: String { "\(name)-redis" }

    init(_ label: String) throws {
        guard let endpoint = ProcessInfo.processInfo.environment["TPS_LOCAL_AWS_ENDPOINT"], !endpoint.isEmpty else {
            throw MissingServer("TPS_LOCAL_AWS_ENDPOINT is not set: start the local AWS (scripts/testenv start) and export it")
        }
        self.endpoint = endpoint
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        name = "f\(label)-\(suffix)"
        accessKeyId = "AKIAFIG\(suffix.uppercased())"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("figures-\(name)")
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
    }

    func removeFiles() { try? FileManager.default.removeItem(at: directory) }

    /// `tpsctl load figures` with the stack, the state directory and the emulator.
    func figuresCommand(_ arguments: [String]) -> [String] {
        ["load", "figures", "--stack", stackFile.path, "--state-dir", stateDirectory.path, "--endpoint-url", endpoint] + arguments
    }

    /// The tpsctl child's whole environment: this test's credentials only.
    var environment: [String: String] {
        ["HOME": directory.path, "AWS_ACCESS_KEY_ID": accessKeyId, "AWS_SECRET_ACCESS_KEY": "test-secret",
         "AWS_EC2_METADATA_DISABLED": "true"]
    }

    func client() throws -> AWSClient {
        let environment = AWSEnvironment(["AWS_ACCESS_KEY_ID": accessKeyId, "AWS_SECRET_ACCESS_KEY": "test-secret"],
                                         homeDirectory: directory.path)
        let configuration = try AWSConfiguration.load(AWSOverrides(region: Self.region, endpointURL: endpoint),
                                                      environment: environment)
        return try AWSClient(configuration: configuration, region: Self.region)
    }

    /// Records stage 05 (ALB, target groups, ECS services) and, with `dataplane`, stage 03.
    func recordState(dataplane: Bool = true) async throws {
        let store = StateStore(root: stateDirectory)
        let region = RegionName(Self.region)
        func record(_ stage: Stage, _ kind: String, _ resource: String, _ outputs: [String: String]) async throws {
            try await store.record(ResourceAddress(region: region, stage: stage, kind: kind, name: resource), stack: name,
                                   outputs: ResourceOutputs(outputs), applied: [:])
        }
        let arnPrefix = "arn:aws:elasticloadbalancing:\(Self.region):123456789012:"
        try await record(.services, "load_balancer", "main", ["arn": arnPrefix + "loadbalancer/" + loadBalancer])
        for service in ["public-api", "confirm-api"] {
            try await record(.services, "target_group", service, ["arn": arnPrefix + targetGroup(service)])
        }
        for service in ["public-api", "confirm-api", "confirm-worker"] {
            try await record(.services, "ecs_service", service, ["clusterName": cluster, "serviceName": ecsService(service)])
        }
        guard dataplane else { return }
        try await record(.dataplane, "sqs_queue", "commit", ["queueName": commitQueue])
        try await record(.dataplane, "sqs_queue", "commit-dlq", ["queueName": deadLetterQueue])
        try await record(.dataplane, "rds_cluster", "main", ["clusterId": auroraCluster])
        try await record(.dataplane, "redis_replication_group", "main", ["replicationGroupId": redisGroup])
    }

    /// PutMetricData of `values` at `time`, one datum each.
    func put(_ namespace: String, _ metric: String, _ dimensions: [(String, String)], _ values: [Double], at time: Date,
             with client: AWSClient) async throws {
        let data: [JSONValue] = values.map { value in
            .object([
                "MetricName": .string(metric), "Value": .number(value),
                "Timestamp": .number(time.timeIntervalSince1970.rounded(.down)),
                "Dimensions": .array(dimensions.map { .object(["Name": .string($0.0), "Value": .string($0.1)]) }),
            ])
        }
        _ = try await client.json(.cloudWatch, "PutMetricData", ["Namespace": .string(namespace), "MetricData": .array(data)])
    }

    /// The requests the local AWS logged for this test's access key.
    func loggedRequests() async throws -> [String] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: endpoint + "/_tps/requests")!)
        let log = try JSONValue(parsing: [UInt8](data))
        return (log["requests"]?.array ?? []).filter { $0["accessKeyId"]?.string == accessKeyId }
            .map { "\($0["service"]?.string ?? "?"):\($0["action"]?.string ?? "?")" }
    }
}

struct MissingServer: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
