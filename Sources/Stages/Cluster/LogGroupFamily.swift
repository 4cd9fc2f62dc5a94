import AWSClient
import Provisioning

/// The stack's log groups in a region (`/tps/<stack>/<region-short>/…`; tags confirm).
struct LogGroupFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    var stage: Stage { .cluster }
    var kind: String { "log_group" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        let output = try await client.json(.cloudWatchLogs, "DescribeLogGroups", ["logGroupNamePrefix": .string(namePrefix)])
        var found: [TaggedResource] = []
        for group in output["logGroups"]?.array ?? [] {
            guard let name = group["logGroupName"]?.string else { continue }
            let tagged = try await client.json(.cloudWatchLogs, "ListTagsLogGroup", ["logGroupName": .string(name)])
            let tags = (tagged["tags"]?.object ?? [:]).compactMapValues(\.string)
            if tags[ResourceTags.stackKey] == stack { found.append(TaggedResource(id: name, region: region, kind: kind, tags: tags)) }
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            _ = try await client.json(.cloudWatchLogs, "DeleteLogGroup", ["logGroupName": .string(resource.id)])
        }
    }
}
