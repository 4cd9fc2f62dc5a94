import AWSClient
import Provisioning

/// The stack's RDS proxies in a region (names start with the stack's prefix; tags confirm).
struct DBProxyFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    var stage: Stage { .dataplane }
    var kind: String { "rds_proxy" }
    var rds: RDS { RDS(client: client) }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        var found: [TaggedResource] = []
        for proxy in try await rds.describeDBProxies() where proxy.name.hasPrefix(namePrefix) && proxy.status != "deleting" {
            let tags = try await rds.listTags(arn: proxy.arn)
            if tags[ResourceTags.stackKey] == stack {
                found.append(TaggedResource(id: proxy.name, region: region, kind: kind, tags: tags))
            }
        }
        return found
    }

    /// Its target group and registrations go with it; waits until it is gone so the cluster's
    /// deletion that follows is not refused.
    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await rds.deleteDBProxy(name: resource.id) }
        let _: Bool = try await context.wait(for: "RDS Proxy \(resource.id) deleted") {
            guard let proxy = try await rds.describeDBProxy(name: resource.id) else { return .done(true) }
            return .pending(proxy.status)
        }
    }
}
