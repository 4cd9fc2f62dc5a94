import AWSClient
import Provisioning

/// The stack's CloudWatch alarms in a region (names start with the stack's prefix; tags confirm).
struct MetricAlarmFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    var stage: Stage { .autoscaling }
    var kind: String { "cloudwatch_alarm" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        var found: [TaggedResource] = []
        for try await page in client.jsonPages(.cloudWatch, "DescribeAlarms", [
            "AlarmNamePrefix": .string(namePrefix), "AlarmTypes": ["MetricAlarm"],
        ]) {
            for alarm in page["MetricAlarms"]?.array ?? [] {
                guard let name = alarm["AlarmName"]?.string, let arn = alarm["AlarmArn"]?.string else { continue }
                let output = try await client.json(.cloudWatch, "ListTagsForResource", ["ResourceARN": .string(arn)])
                let tags = JSONTags.parse(output["Tags"])
                if tags[ResourceTags.stackKey] == stack { found.append(TaggedResource(id: name, region: region, kind: kind, tags: tags)) }
            }
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await MetricAlarmResource.delete(client, name: resource.id)
    }
}
