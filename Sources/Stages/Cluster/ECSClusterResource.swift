import AWSClient
import Provisioning

/// The region's ECS cluster: Container Insights on, FARGATE and FARGATE_SPOT as capacity
/// providers (the default strategy is on-demand FARGATE; services opt into spot themselves).
struct ECSClusterResource: Resource {
    struct Live: Sendable {
        var name: String
        var arn: String
        var containerInsights: String
        var capacityProviders: [String]
    }

    static let capacityProviders = ["FARGATE", "FARGATE_SPOT"]

    let address: ResourceAddress
    let client: AWSClient
    let clusterName: String

    func read(_ context: ResourceContext) async throws -> Live? {
        let output = try await client.json(.ecs, "DescribeClusters", [
            "clusters": [.string(clusterName)], "include": ["SETTINGS", "TAGS"],
        ])
        guard let cluster = (output["clusters"]?.array ?? []).first(where: { $0["status"]?.string == "ACTIVE" })
        else { return nil }
        let insights = (cluster["settings"]?.array ?? []).first { $0["name"]?.string == "containerInsights" }?["value"]?.string
        return Live(name: clusterName, arn: cluster["clusterArn"]?.string ?? "", containerInsights: insights ?? "disabled",
                    capacityProviders: (cluster["capacityProviders"]?.array ?? []).compactMap(\.string).sorted())
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("containerInsights", desired: "enabled", live: live?.containerInsights)
        diff.compare("capacityProviders", desired: Self.capacityProviders, live: live?.capacityProviders)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let output = try await client.json(.ecs, "CreateCluster", [
            "clusterName": .string(clusterName),
            "settings": [["name": "containerInsights", "value": "enabled"]],
            "capacityProviders": .array(Self.capacityProviders.map { .string($0) }),
            "defaultCapacityProviderStrategy": [["capacityProvider": "FARGATE", "weight": 1]],
            "tags": JSONTags.list(context.tags, keyName: "key", valueName: "value"),
        ])
        let live = Live(name: clusterName, arn: output["cluster"]?["clusterArn"]?.string ?? "", containerInsights: "enabled",
                        capacityProviders: Self.capacityProviders)
        return live
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var live = live
        if live.containerInsights != "enabled" {
            _ = try await client.json(.ecs, "UpdateClusterSettings", [
                "cluster": .string(clusterName), "settings": [["name": "containerInsights", "value": "enabled"]],
            ])
            live.containerInsights = "enabled"
        }
        if live.capacityProviders != Self.capacityProviders {
            _ = try await client.json(.ecs, "PutClusterCapacityProviders", [
                "cluster": .string(clusterName), "capacityProviders": .array(Self.capacityProviders.map { .string($0) }),
                "defaultCapacityProviderStrategy": [["capacityProvider": "FARGATE", "weight": 1]],
            ])
            live.capacityProviders = Self.capacityProviders
        }
        return live
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await Self.delete(id: clusterName, in: client, context: context)
    }

    struct Outputs: PublishedOutputs {
        let clusterName, clusterArn: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(clusterName: live.name, clusterArn: live.arn)
    }
}

extension ECSClusterResource: SingleKindResource {
    static let kind = "ecs_cluster"

    /// The stack's active clusters (tags confirm).
    static func listTagged(stack: String, in scope: AWSClient) async throws -> [TaggedObject] {
        let ecs = ECS(client: scope)
        let arns = try await ecs.listClusters()
        var found: [TaggedObject] = []
        for chunk in stride(from: 0, to: arns.count, by: 100).map({ Array(arns[$0..<min($0 + 100, arns.count)]) }) {
            for cluster in try await ecs.describeClusters(chunk, include: ["TAGS"]).clusters where cluster.status == "ACTIVE" {
                guard cluster.tags[ResourceTags.stackKey] == stack, !cluster.name.isEmpty else { continue }
                found.append(TaggedObject(id: cluster.name, tags: cluster.tags))
            }
        }
        return found
    }

    static func delete(id: String, in client: AWSClient, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await ECS(client: client).deleteCluster(id) }
    }
}
