import AWSClient
import Provisioning

/// The stack's target groups in a region (`<stack>-<region-short>-…`; tags confirm).
struct TargetGroupFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    var stage: Stage { .services }
    var kind: String { "target_group" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        let elb = ElasticLoadBalancingV2(client: client)
        let groups = try await elb.allTargetGroups().filter { $0.name.hasPrefix(namePrefix) }
        guard !groups.isEmpty else { return [] }
        let tags = try await elb.tags(of: groups.map(\.arn))
        return groups.compactMap { group in
            guard let found = tags[group.arn], found[ResourceTags.stackKey] == stack else { return nil }
            return TaggedResource(id: group.arn, region: region, kind: kind, tags: found)
        }
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        let elb = ElasticLoadBalancingV2(client: client)
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await elb.deleteTargetGroup(resource.id) }
        }
    }
}
