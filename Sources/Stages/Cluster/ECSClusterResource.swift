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
    static let defaultStrategy = [ECS.CapacityProviderShare("FARGATE", weight: 1)]

    let address: ResourceAddress
    let client: AWSClient
    let clusterName: String

    private var ecs: ECS { ECS(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        let described = try await ecs.describeClusters([clusterName], include: ["SETTINGS", "TAGS"])
        guard let cluster = described.clusters.first(where: { $0.status == "ACTIVE" }) else { return nil }
        return Live(name: clusterName, arn: cluster.arn, containerInsights: cluster.containerInsights ?? "disabled",
                    capacityProviders: cluster.capacityProviders.sorted())
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("containerInsights", desired: "enabled", live: live?.containerInsights)
        diff.compare("capacityProviders", desired: Self.capacityProviders, live: live?.capacityProviders)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let cluster = try await ecs.createCluster(
            name: clusterName, containerInsights: "enabled", capacityProviders: Self.capacityProviders,
            defaultCapacityProviderStrategy: Self.defaultStrategy, tags: context.tags)
        let live = Live(name: clusterName, arn: cluster.arn, containerInsights: "enabled",
                        capacityProviders: Self.capacityProviders)
        return live
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var live = live
        if live.containerInsights != "enabled" {
            try await ecs.updateClusterSettings(clusterName, containerInsights: "enabled")
            live.containerInsights = "enabled"
        }
        if live.capacityProviders != Self.capacityProviders {
            try await ecs.putClusterCapacityProviders(clusterName, capacityProviders: Self.capacityProviders,
                                                      defaultCapacityProviderStrategy: Self.defaultStrategy)
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
