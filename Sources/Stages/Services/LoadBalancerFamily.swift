import AWSClient
import Provisioning

/// The stack's load balancers in a region (`<stack>-<region-short>-…`; tags confirm).
/// Deleting one also deletes its listeners and rules.
struct LoadBalancerFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    var stage: Stage { .services }
    var kind: String { "load_balancer" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        let elb = ElasticLoadBalancingV2(client: client)
        let balancers = try await elb.describeLoadBalancers().filter { $0.name.hasPrefix(namePrefix) }
        guard !balancers.isEmpty else { return [] }
        let tags = try await elb.tags(of: balancers.map(\.arn))
        return balancers.compactMap { balancer in
            guard let found = tags[balancer.arn], found[ResourceTags.stackKey] == stack else { return nil }
            return TaggedResource(id: balancer.arn, region: region, kind: kind, tags: found)
        }
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        let elb = ElasticLoadBalancingV2(client: client)
        try await AWSErrorMatching.ignoringNotFound { try await elb.deleteLoadBalancer(resource.id) }
    }
}
