import AWSClient
import Provisioning

/// The stack's CloudFront distributions (global; listed by the owning region's graph).
struct DistributionFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    var stage: Stage { .cloudfront }
    var kind: String { "cloudfront_distribution" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        let cloudFront = CloudFront(client: client)
        var found: [TaggedResource] = []
        for summary in try await cloudFront.listDistributions() {
            let tags: [String: String]
            do {
                tags = try await cloudFront.listTags(resourceArn: summary.arn)
            } catch where AWSErrorMatching.isCloudFrontNotFound(error) {
                continue
            }
            if tags[ResourceTags.stackKey] == stack {
                found.append(TaggedResource(id: summary.id, region: region, kind: kind, tags: tags))
            }
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await DistributionTeardown.delete(CloudFront(client: client), id: resource.id, context: context)
    }
}
