import AWSClient
import Provisioning

/// ELBv2 cannot filter by tag: the stack's load balancers and target groups are narrowed by
/// name (`<stack>-<region-short>-…`) and the `tps:stack` tag of what is left confirms them.
enum ELBTagListing {
    static func tagged(
        _ described: [(name: String, arn: String)], stack: String, namePrefix: String, elb: ElasticLoadBalancingV2
    ) async throws -> [TaggedObject] {
        let named = described.filter { $0.name.hasPrefix(namePrefix) }
        guard !named.isEmpty else { return [] }
        let tags = try await elb.tags(of: named.map(\.arn))
        return named.compactMap { object in
            guard let found = tags[object.arn], found[ResourceTags.stackKey] == stack else { return nil }
            return TaggedObject(id: object.arn, tags: found)
        }
    }
}
