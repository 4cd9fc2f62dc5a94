import AWSClient
import Provisioning
import Stack

/// An ECS service's desired count registered with Application Auto Scaling, bounded by the
/// stack's min/max. Found by its resource id (`service/<cluster>/<service>`), which is
/// deterministic; tagged at registration. Deregistering it also removes its policies.
struct ScalableTargetResource: Resource {
    struct Live: Sendable {
        var resourceId: String
        var arn: String
        var minCapacity: Int
        var maxCapacity: Int
    }

    static let scaledDimension = ApplicationAutoScaling.Dimension.ecsServiceDesiredCount
    static let namespace = scaledDimension.serviceNamespace
    static let dimension = scaledDimension.scalableDimension

    let address: ResourceAddress
    let client: AWSClient
    /// Stage 05's `ecs_service.<service>`: its `clusterName` and `serviceName` make the resource id.
    let service: Dependency<ECSServiceResource.Outputs>
    let minCapacity: Int
    let maxCapacity: Int

    var dependencies: [ResourceAddress] { [service.address] }

    /// `service/<cluster>/<service>`, or unknown while the service is yet to be created.
    func resourceId(_ context: ResourceContext) throws -> PlannedValue<String> {
        let cluster = try context.output(\.clusterName, of: service)
        let name = try context.output(\.serviceName, of: service)
        guard let cluster = cluster.value, let name = name.value else { return .knownAfterApply }
        return .known("service/\(cluster)/\(name)")
    }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let id = try resourceId(context).value else { return nil }
        return try await Self.describe(client, resourceId: id)
    }

    static func describe(_ client: AWSClient, resourceId: String) async throws -> Live? {
        let targets = try await ApplicationAutoScaling(client: client).describeScalableTargets(scaledDimension,
                                                                                              resourceIds: [resourceId])
        guard let target = targets.first else { return nil }
        return Live(resourceId: resourceId, arn: target.arn, minCapacity: target.minCapacity,
                    maxCapacity: target.maxCapacity)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("resourceId", desired: try resourceId(context), live: live?.resourceId, onChange: .replace)
        diff.compare("minCapacity", desired: minCapacity, live: live?.minCapacity)
        diff.compare("maxCapacity", desired: maxCapacity, live: live?.maxCapacity)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let id = try requireResourceId(context)
        try await register(id, tags: context.tags)
        return try await readBack(id)
    }

    /// Registering again with new bounds updates them in place (tags are only set at creation).
    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await register(live.resourceId, tags: nil)
        return try await readBack(live.resourceId)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await Self.deregister(client, resourceId: live.resourceId)
    }

    static func deregister(_ client: AWSClient, resourceId: String) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            try await ApplicationAutoScaling(client: client).deregisterScalableTarget(scaledDimension, resourceId: resourceId)
        }
    }

    struct Outputs: PublishedOutputs {
        let resourceId, scalableTargetArn: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(resourceId: live.resourceId, scalableTargetArn: live.arn)
    }

    private func requireResourceId(_ context: ResourceContext) throws -> String {
        let cluster = try context.requireOutput(\.clusterName, of: service)
        let name = try context.requireOutput(\.serviceName, of: service)
        return "service/\(cluster)/\(name)"
    }

    private func register(_ resourceId: String, tags: [String: String]?) async throws {
        try await ApplicationAutoScaling(client: client).registerScalableTarget(
            Self.scaledDimension, resourceId: resourceId, minCapacity: minCapacity, maxCapacity: maxCapacity, tags: tags)
    }

    private func readBack(_ resourceId: String) async throws -> Live {
        guard let live = try await Self.describe(client, resourceId: resourceId) else {
            throw StageFailure("scalable target \(resourceId) is missing right after it was registered")
        }
        return live
    }
}

extension ScalableTargetResource: SingleKindResource {
    static let kind = "scalable_target"

    /// The targets on the stack's own cluster (its name starts with the stack name), so every one
    /// belongs to the stack; the service name says which `scalable_target.<service>` it is.
    /// Listing by the cluster rather than by tag also works where ListTagsForResource is missing
    /// (the emulator).
    static func listTagged(stack: String, in scope: ClusterScope) async throws -> [TaggedObject] {
        let prefix = "service/\(scope.clusterName)/"
        var found: [TaggedObject] = []
        let ids = try await ApplicationAutoScaling(client: scope.client).describeScalableTargets(scaledDimension).map(\.resourceId)
        for id in ids where id.hasPrefix(prefix) {
            var tags = [ResourceTags.stackKey: stack]
            let serviceName = String(id.dropFirst(prefix.count))
            if let service = ServiceName.allCases.first(where: { serviceName.hasSuffix($0.rawValue) }) {
                let address = ResourceAddress(region: scope.region, stage: .autoscaling, kind: kind, name: service.rawValue)
                tags = ResourceTags(stack: stack, address: address).all()
            }
            found.append(TaggedObject(id: id, tags: tags))
        }
        return found
    }

    static func delete(id: String, in scope: ClusterScope, context: ResourceContext) async throws {
        try await deregister(scope.client, resourceId: id)
    }
}
