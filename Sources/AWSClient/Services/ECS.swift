/// Amazon ECS (AWS JSON 1.1): clusters; services, task definitions and tasks in their own files.
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
        /// `enabled`, `disabled` or `enhanced`; nil unless described with `SETTINGS`.
        public var containerInsights: String?
        public var capacityProviders: [String]
        /// Present only when described with `TAGS`.
        public var tags: [String: String]

        init(_ cluster: JSONValue) {
            name = cluster["clusterName"]?.string ?? ""
            arn = cluster["clusterArn"]?.string ?? ""
            status = cluster["status"]?.string ?? ""
            containerInsights = (cluster["settings"]?.array ?? [])
                .first { $0["name"]?.string == "containerInsights" }?["value"]?.string
            capacityProviders = (cluster["capacityProviders"]?.array ?? []).compactMap(\.string)
            tags = ECS.parseTags(cluster["tags"])
        }
    }

    /// A name or ARN DescribeClusters could not find, and why (`MISSING`).
    public struct Failure: Sendable, Equatable {
        public var arn: String
        public var reason: String
    }

    /// A capacity provider (`FARGATE`, `FARGATE_SPOT`) and its share of a strategy's tasks.
    public struct CapacityProviderShare: Sendable, Equatable {
        public var capacityProvider: String
        public var weight: Int

        public init(_ capacityProvider: String, weight: Int) {
            self.capacityProvider = capacityProvider
            self.weight = weight
        }

        var json: JSONValue { ["capacityProvider": .string(capacityProvider), "weight": .number(Double(weight))] }
    }

    /// `containerInsights`: `enabled`, `disabled` or `enhanced` (left to the account's default when nil).
    public func createCluster(name: String, containerInsights: String? = nil, capacityProviders: [String] = [],
                              defaultCapacityProviderStrategy: [CapacityProviderShare] = [],
                              tags: [String: String] = [:]) async throws -> Cluster {
        var input: [String: JSONValue] = ["clusterName": .string(name)]
        if let containerInsights { input["settings"] = Self.containerInsightsSetting(containerInsights) }
        if !capacityProviders.isEmpty { input["capacityProviders"] = .array(capacityProviders.map { .string($0) }) }
        if !defaultCapacityProviderStrategy.isEmpty {
            input["defaultCapacityProviderStrategy"] = .array(defaultCapacityProviderStrategy.map(\.json))
        }
        if !tags.isEmpty { input["tags"] = Self.tagList(tags) }
        return Cluster(try await client.json(.ecs, "CreateCluster", .object(input))["cluster"] ?? [:])
    }

    /// `include`: `SETTINGS`, `TAGS`, … (what ECS leaves out unless asked).
    public func describeClusters(_ names: [String], include: [String] = []) async throws
        -> (clusters: [Cluster], failures: [Failure]) {
        var input: [String: JSONValue] = ["clusters": .array(names.map { .string($0) })]
        if !include.isEmpty { input["include"] = .array(include.map { .string($0) }) }
        let output = try await client.json(.ecs, "DescribeClusters", .object(input))
        let clusters = (output["clusters"]?.array ?? []).map(Cluster.init)
        let failures = (output["failures"]?.array ?? []).map {
            Failure(arn: $0["arn"]?.string ?? "", reason: $0["reason"]?.string ?? "")
        }
        return (clusters, failures)
    }

    public func updateClusterSettings(_ cluster: String, containerInsights: String) async throws {
        _ = try await client.json(.ecs, "UpdateClusterSettings", [
            "cluster": .string(cluster), "settings": Self.containerInsightsSetting(containerInsights),
        ])
    }

    public func putClusterCapacityProviders(_ cluster: String, capacityProviders: [String],
                                            defaultCapacityProviderStrategy: [CapacityProviderShare]) async throws {
        _ = try await client.json(.ecs, "PutClusterCapacityProviders", [
            "cluster": .string(cluster), "capacityProviders": .array(capacityProviders.map { .string($0) }),
            "defaultCapacityProviderStrategy": .array(defaultCapacityProviderStrategy.map(\.json)),
        ])
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

    /// Tags an ECS resource (cluster, service, task definition) by ARN.
    public func tagResource(arn: String, tags: [String: String]) async throws {
        _ = try await client.json(.ecs, "TagResource", ["resourceArn": .string(arn), "tags": Self.tagList(tags)])
    }

    public func untagResource(arn: String, tagKeys: [String]) async throws {
        _ = try await client.json(.ecs, "UntagResource", [
            "resourceArn": .string(arn), "tagKeys": .array(tagKeys.map { .string($0) }),
        ])
    }

    static func containerInsightsSetting(_ value: String) -> JSONValue {
        [["name": "containerInsights", "value": .string(value)]]
    }
}
