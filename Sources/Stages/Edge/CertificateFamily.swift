import AWSClient
import Provisioning

/// The stack's ACM certificates in one region (us-east-1 for the distribution's), so `diff` and
/// `down` find one the stack no longer describes (its `domain` removed or renamed).
struct CertificateFamily: ResourceFamily {
    let region: RegionName
    /// Signs for the region the certificates are in.
    let client: AWSClient
    let stage: Stage
    var kind: String { "acm_certificate" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        let acm = CertificateManager(client: client)
        var found: [TaggedResource] = []
        for (arn, _) in try await acm.listCertificates() {
            let tags = try await acm.tags(arn: arn)
            // A stack region in us-east-1 would hold both the distribution's and an ALB's: each family keeps to its stage.
            if tags[ResourceTags.stackKey] == stack, tags[ResourceTags.stageKey] == stage.slug {
                found.append(TaggedResource(id: arn, region: region, kind: kind, tags: tags))
            }
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        let acm = CertificateManager(client: client)
        try await AWSErrorMatching.retrying(attempts: 60, while: { $0.code == "ResourceInUseException" }) {
            try await AWSErrorMatching.ignoringNotFound { try await acm.deleteCertificate(arn: resource.id) }
        }
    }
}
