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
        /// Empty unless described with `include: ["TAGS"]`.
        public var tags: [String: String]

        init(_ cluster: JSONValue) {
            name = cluster["clusterName"]?.string ?? ""
            arn = cluster["clusterArn"]?.string ?? ""
            status = cluster["status"]?.string ?? ""
            tags = cluster["tags"]?.tagDictionary(keyName: "key", valueName: "value") ?? [:]
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

    /// `include` asks for more than the defaults (`TAGS`, `SETTINGS`, …).
    public func describeClusters(_ names: [String], include: [String] = []) async throws -> (clusters: [Cluster], failures: [Failure]) {
        var input: [String: JSONValue] = ["clusters": .array(names.map { .string($0) })]
        if !include.isEmpty { input["include"] = .array(include.map { .string($0) }) }
        let output = try await client.json(.ecs, "DescribeClusters", .object(input))
        let clusters = (output["clusters"]?.array ?? []).map(Cluster.init)
        let failures = (output["failures"]?.array ?? []).map {
            Failure(arn: $0["arn"]?.string ?? "", reason: $0["reason"]?.string ?? "")
        }
        return (clusters, failures)
    }

    /// Every cluster ARN in the region (follows nextToken).
    public func listClusters() async throws -> [String] {
        var arns: [String] = []
        for try await page in client.jsonPages(.ecs, "ListClusters", [:]) {
            arns += (page["clusterArns"]?.array ?? []).compactMap(\.string)
        }
        return arns
    }

    public func deleteCluster(_ name: String) async throws {
        _ = try await client.json(.ecs, "DeleteCluster", ["cluster": .string(name)])
    }
}
