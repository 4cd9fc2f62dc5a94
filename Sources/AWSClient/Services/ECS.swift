/// Amazon ECS (AWS JSON 1.1): clusters (services and task definitions come with the stages).
public struct ECS: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct Cluster: Sendable, Equatable {
        public var name: String
        public var arn: String
        /// `ACTIVE`, `INACTIVE`, …
        public var status: String

        init(_ cluster: JSONValue) {
            name = cluster["clusterName"]?.string ?? ""
            arn = cluster["clusterArn"]?.string ?? ""
            status = cluster["status"]?.string ?? ""
        }
    }

    /// A name or ARN DescribeClusters could not find, and why (`MISSING`).
    public struct Failure: Sendable, Equatable {
        public var arn: String
        public var reason: String
    }

    public func createCluster(name: String, tags: [String: String] = [:]) async throws -> Cluster {
        var input: [String: JSONValue] = ["clusterName": .string(name)]
        if !tags.isEmpty {
            input["tags"] = .array(tags.keys.sorted().map { ["key": .string($0), "value": .string(tags[$0] ?? "")] })
        }
        return Cluster(try await client.json(.ecs, "CreateCluster", .object(input))["cluster"] ?? [:])
    }

    public func describeClusters(_ names: [String]) async throws -> (clusters: [Cluster], failures: [Failure]) {
        let output = try await client.json(.ecs, "DescribeClusters", ["clusters": .array(names.map { .string($0) })])
        let clusters = (output["clusters"]?.array ?? []).map(Cluster.init)
        let failures = (output["failures"]?.array ?? []).map {
            Failure(arn: $0["arn"]?.string ?? "", reason: $0["reason"]?.string ?? "")
        }
        return (clusters, failures)
    }

    public func deleteCluster(_ name: String) async throws {
        _ = try await client.json(.ecs, "DeleteCluster", ["cluster": .string(name)])
    }
}
