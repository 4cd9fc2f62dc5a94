import AWSClient
import Provisioning

/// The stack's SQS queues in a region (names start with the stack name; tags confirm).
struct SQSQueueFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    var stage: Stage { .dataplane }
    var kind: String { "sqs_queue" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        var found: [TaggedResource] = []
        for url in try await SQS(client: client).listQueues(prefix: namePrefix) {
            let output = try await client.json(.sqs, "ListQueueTags", ["QueueUrl": .string(url)])
            let tags = (output["Tags"]?.object ?? [:]).compactMapValues(\.string)
            if tags[ResourceTags.stackKey] == stack { found.append(TaggedResource(id: url, region: region, kind: kind, tags: tags)) }
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await SQS(client: client).deleteQueue(queueUrl: resource.id) }
    }
}
