import AWSClient
import Provisioning
import Stack

/// The scalable targets on the stack's ECS cluster in a region. The cluster is the stack's
/// own (its name starts with the stack name), so every target on it belongs to the stack;
/// the target's service name says which `scalable_target.<service>` it is. Listing by the
/// cluster rather than by tag also works where ListTagsForResource is missing (the emulator).
struct ScalableTargetFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let clusterName: String
    var stage: Stage { .autoscaling }
    var kind: String { "scalable_target" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        let prefix = "service/\(clusterName)/"
        var found: [TaggedResource] = []
        for try await page in client.jsonPages(.applicationAutoScaling, "DescribeScalableTargets", [
            "ServiceNamespace": .string(ScalableTargetResource.namespace),
            "ScalableDimension": .string(ScalableTargetResource.dimension),
        ]) {
            for target in page["ScalableTargets"]?.array ?? [] {
                guard let id = target["ResourceId"]?.string, id.hasPrefix(prefix) else { continue }
                var tags = [ResourceTags.stackKey: stack]
                let serviceName = String(id.dropFirst(prefix.count))
                if let service = ServiceName.allCases.first(where: { serviceName.hasSuffix($0.rawValue) }) {
                    let address = ResourceAddress(region: region, stage: stage, kind: kind, name: service.rawValue)
                    tags = ResourceTags(stack: stack, address: address).all()
                }
                found.append(TaggedResource(id: id, region: region, kind: kind, tags: tags))
            }
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await ScalableTargetResource.deregister(client, resourceId: resource.id)
    }
}
