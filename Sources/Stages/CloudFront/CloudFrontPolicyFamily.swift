import AWSClient
import Provisioning

/// The stack's own CloudFront policies of one kind. Policies take no tags, so they are known by
/// their exact names (never by prefix: `max-` would also match stack `max-tps`'s policies); the
/// name says which address claims it.
struct CloudFrontPolicyFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let policyKind: CloudFront.PolicyKind
    let kind: String
    /// Policy name → the address of the resource that owns it.
    let names: [String: ResourceAddress]
    var stage: Stage { .cloudfront }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        try await CloudFront(client: client).listPolicies(policyKind).compactMap { policy in
            guard let address = names[policy.name] else { return nil }
            return TaggedResource(id: policy.id, region: region, kind: kind,
                                  tags: ResourceTags(stack: stack, address: address).all())
        }
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await CloudFrontPolicyResource.delete(CloudFront(client: client), kind: policyKind, id: resource.id)
    }
}
