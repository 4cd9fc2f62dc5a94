import AWSClient
import Provisioning

/// The stack's load balancers or target groups in a region. ELBv2 cannot filter by tag, so the
/// describe answer is narrowed by name (`<stack>-<region-short>-…`) and the `tps:stack` tag of
/// what is left confirms it. One type for both kinds: they differ only in which Describe call
/// lists them and how one is deleted.
struct ELBTaggedFamily: ResourceFamily {
    /// One described object: what the family needs of a LoadBalancer or TargetGroup.
    struct Listed: Sendable {
        let name: String
        let arn: String
    }

    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    let kind: String
    let list: @Sendable (ElasticLoadBalancingV2) async throws -> [Listed]
    let deleteObject: @Sendable (ElasticLoadBalancingV2, _ arn: String) async throws -> Void
    var stage: Stage { .services }

    /// Deleting a load balancer also deletes its listeners and rules.
    static func loadBalancers(region: RegionName, client: AWSClient, namePrefix: String) -> ELBTaggedFamily {
        ELBTaggedFamily(region: region, client: client, namePrefix: namePrefix, kind: "load_balancer",
                        list: { try await $0.describeLoadBalancers().map { Listed(name: $0.name, arn: $0.arn) } },
                        deleteObject: { try await $0.deleteLoadBalancer($1) })
    }

    /// A group still referenced by a rule that is being deleted answers ResourceInUse for a moment.
    static func targetGroups(region: RegionName, client: AWSClient, namePrefix: String) -> ELBTaggedFamily {
        ELBTaggedFamily(region: region, client: client, namePrefix: namePrefix, kind: "target_group",
                        list: { try await $0.allTargetGroups().map { Listed(name: $0.name, arn: $0.arn) } },
                        deleteObject: { elb, arn in
                            try await AWSErrorMatching.retryingDependencyViolation { try await elb.deleteTargetGroup(arn) }
                        })
    }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        let elb = ElasticLoadBalancingV2(client: client)
        let listed = try await list(elb).filter { $0.name.hasPrefix(namePrefix) }
        guard !listed.isEmpty else { return [] }
        let tags = try await elb.tags(of: listed.map(\.arn))
        return listed.compactMap { object in
            guard let found = tags[object.arn], found[ResourceTags.stackKey] == stack else { return nil }
            return TaggedResource(id: object.arn, region: region, kind: kind, tags: found)
        }
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        let elb = ElasticLoadBalancingV2(client: client)
        try await AWSErrorMatching.ignoringNotFound { try await deleteObject(elb, resource.id) }
    }
}
