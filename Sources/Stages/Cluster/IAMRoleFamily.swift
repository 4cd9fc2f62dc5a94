import AWSClient
import Provisioning

/// The stack's IAM roles of one region: under the path `/tps/<stack>/`, named with the region's
/// short name (see `IAMRoleResource` for why roles are per region).
struct IAMRoleFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let path: String
    let namePrefix: String
    var stage: Stage { .cluster }
    var kind: String { "iam_role" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        var found: [TaggedResource] = []
        for try await page in client.queryPages(.iam, "ListRoles", ["PathPrefix": path]) {
            for role in page.child("Roles")?.listItems() ?? [] {
                guard let name = role.string("RoleName"), name.hasPrefix(namePrefix) else { continue }
                let tagged = try await client.query(.iam, "ListRoleTags", ["RoleName": name])
                var tags: [String: String] = [:]
                for tag in tagged.child("Tags")?.listItems() ?? [] {
                    if let key = tag.string("Key") { tags[key] = tag.string("Value") ?? "" }
                }
                if tags[ResourceTags.stackKey] == stack { found.append(TaggedResource(id: name, region: region, kind: kind, tags: tags)) }
            }
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        let name = resource.id
        let attached = try await client.query(.iam, "ListAttachedRolePolicies", ["RoleName": name])
        for arn in (attached.child("AttachedPolicies")?.listItems() ?? []).compactMap({ $0.string("PolicyArn") }) {
            _ = try await client.query(.iam, "DetachRolePolicy", ["RoleName": name, "PolicyArn": arn])
        }
        let inline = try await client.query(.iam, "ListRolePolicies", ["RoleName": name])
        for policy in (inline.child("PolicyNames")?.listItems() ?? []).map(\.text) {
            _ = try await client.query(.iam, "DeleteRolePolicy", ["RoleName": name, "PolicyName": policy])
        }
        try await AWSErrorMatching.ignoringNotFound { _ = try await client.query(.iam, "DeleteRole", ["RoleName": name]) }
    }
}
