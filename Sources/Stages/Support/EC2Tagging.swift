import AWSClient
import Provisioning

/// EC2's tag plumbing: the tags a network resource is created with (the EC2 wrappers put them
/// on at creation) and the `tps:*` filters that find it again.
enum EC2Tagging {
    /// The resource's own tags plus `Name`, which the EC2 console shows.
    static func tags(_ context: ResourceContext, name: String) -> [String: String] {
        var tags = context.tags
        tags["Name"] = name
        return tags
    }

    /// Filters that match exactly this resource of this stack.
    static func identityFilters(_ identity: ResourceTags) -> [(name: String, values: [String])] {
        [
            ("tag:\(ResourceTags.stackKey)", [identity.stack]),
            ("tag:\(ResourceTags.stageKey)", [identity.address.stage.slug]),
            ("tag:\(ResourceTags.resourceKey)", [identity.address.key]),
        ]
    }

    /// `<tagSet><item><key/><value/></item></tagSet>` as a dictionary.
    static func tags(of element: XMLTree) -> [String: String] {
        var tags: [String: String] = [:]
        for item in element.child("tagSet")?.listItems() ?? [] {
            if let key = item.string("key") { tags[key] = item.string("value") ?? "" }
        }
        return tags
    }

    /// The items of `Describe<Things>` (following nextToken) whose set element is `setName`.
    static func describe(_ client: AWSClient, _ action: String, setName: String,
                         _ parameters: QueryParameters = QueryParameters()) async throws -> [XMLTree] {
        var items: [XMLTree] = []
        for try await page in client.ec2Pages(action, parameters) {
            items += page.child(setName)?.listItems() ?? []
        }
        return items
    }
}
