import AWSClient
import Provisioning

/// The stack's generated secrets in a region (names start with the stack's prefix; tags confirm).
/// RDS-managed secrets are not listed: they go with their cluster.
struct StackSecretFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    var stage: Stage { .dataplane }
    var kind: String { "secret" }
    var secrets: SecretsManager { SecretsManager(client: client) }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        try await secrets.listSecrets(namePrefix: namePrefix)
            .filter { $0.name.hasPrefix(namePrefix) && $0.deletedDate == nil && $0.tags[ResourceTags.stackKey] == stack }
            .map { TaggedResource(id: $0.arn, region: region, kind: kind, tags: $0.tags) }
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await secrets.deleteSecret(id: resource.id) }
    }
}
