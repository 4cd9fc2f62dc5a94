import AWSClient
import Provisioning

/// A FIFO queue (the commit queue or its dead-letter queue). Found by its deterministic name;
/// tagged at creation. Settings live in queue attributes, all updatable except `FifoQueue`.
struct SQSQueueResource: Resource {
    struct Live: Sendable {
        var url: String
        var attributes: [String: String]

        var arn: String { attributes["QueueArn"] ?? "" }
    }

    /// Where messages go after `maxReceiveCount` failed deliveries.
    struct Redrive: Sendable {
        var deadLetterQueue: Dependency<Outputs>
        var maxReceiveCount: Int
    }

    /// FIFO high-throughput mode: the throughput quota applies per message group (partition)
    /// instead of 300 calls/s per action for the whole queue, and deduplication is scoped to the
    /// group, which it must be for that quota. Both are plain attributes, changed in place by
    /// SetQueueAttributes on a queue created without them; the DLQ gets them too, so a redrive
    /// of a large backlog is not capped either.
    static let highThroughputFifo = ["DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"]

    let address: ResourceAddress
    let client: AWSClient
    let queueName: String
    /// Attribute name → value, as SQS spells them (`VisibilityTimeout`, …).
    let settings: [String: String]
    let redrive: Redrive?

    var dependencies: [ResourceAddress] { redrive.map { [$0.deadLetterQueue.address] } ?? [] }

    func read(_ context: ResourceContext) async throws -> Live? {
        let url: String
        do {
            url = try await SQS(client: client).getQueueUrl(name: queueName)
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
        let attributes = try await SQS(client: client).getQueueAttributes(queueUrl: url)
        return Live(url: url, attributes: attributes)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("FifoQueue", desired: true, live: live.map { $0.attributes["FifoQueue"] == "true" }, onChange: .replace)
        for key in settings.keys.sorted() {
            diff.compare(key, desired: settings[key]!, live: live?.attributes[key])
        }
        if let redrive {
            let target = try context.output(\.queueArn, of: redrive.deadLetterQueue)
            diff.compare("RedrivePolicy", desired: target.map { Self.redriveText(arn: $0, count: redrive.maxReceiveCount) },
                         live: live?.attributes["RedrivePolicy"].map(Self.normalizedRedrive))
        }
    }

    func create(_ context: ResourceContext) async throws -> Live {
        var attributes = settings
        attributes["FifoQueue"] = "true"
        if let policy = try redrivePolicy(context) { attributes["RedrivePolicy"] = policy }
        let url = try await SQS(client: client).createQueue(name: queueName, attributes: attributes, tags: context.tags)
        return Live(url: url, attributes: try await SQS(client: client).getQueueAttributes(queueUrl: url))
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var attributes: [String: String] = [:]
        for change in changes {
            if change.field == "RedrivePolicy" {
                attributes["RedrivePolicy"] = try redrivePolicy(context)
            } else if let value = settings[change.field] {
                attributes[change.field] = value
            }
        }
        if !attributes.isEmpty {
            try await SQS(client: client).setQueueAttributes(queueUrl: live.url, attributes: attributes)
        }
        return Live(url: live.url, attributes: try await SQS(client: client).getQueueAttributes(queueUrl: live.url))
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await SQS(client: client).deleteQueue(queueUrl: live.url) }
    }

    struct Outputs: PublishedOutputs {
        let queueUrl, queueArn, queueName: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(queueUrl: live.url, queueArn: live.arn, queueName: queueName)
    }

    private func redrivePolicy(_ context: ResourceContext) throws -> String? {
        guard let redrive else { return nil }
        let arn = try context.requireOutput(\.queueArn, of: redrive.deadLetterQueue)
        return JSONValue.object([
            "deadLetterTargetArn": .string(arn), "maxReceiveCount": .number(Double(redrive.maxReceiveCount)),
        ]).encodedString()
    }

    /// One canonical text for the policy, whether SQS answers the count as a number or a string.
    static func redriveText(arn: String, count: Int) -> String { "\(arn) after \(count) receives" }

    static func normalizedRedrive(_ json: String) -> String {
        guard let value = try? JSONValue(parsing: json) else { return json }
        let count = value["maxReceiveCount"]?.int ?? value["maxReceiveCount"]?.string.flatMap { Int($0) } ?? 0
        return redriveText(arn: value["deadLetterTargetArn"]?.string ?? "", count: count)
    }
}

extension SQSQueueResource: SingleKindResource {
    static let kind = "sqs_queue"

    /// The stack's queues (names start with the prefix; tags confirm), by URL.
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let sqs = SQS(client: scope.client)
        return try await TagConfirmation.confirmed(
            try await sqs.listQueues(prefix: scope.namePrefix), stack: stack,
            id: { $0 }, tags: { try await sqs.listQueueTags(queueUrl: $0) })
    }

    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await SQS(client: scope.client).deleteQueue(queueUrl: id) }
    }
}
