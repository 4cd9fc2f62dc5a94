/// Amazon SQS (AWS JSON 1.0 since 2023): the queue operations tpsctl needs (commit queue and DLQ).
public struct SQS: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Creates the queue (or returns the existing one with the same attributes); returns its URL.
    public func createQueue(name: String, attributes: [String: String] = [:], tags: [String: String] = [:]) async throws -> String {
        var input: [String: JSONValue] = ["QueueName": .string(name)]
        if !attributes.isEmpty { input["Attributes"] = .object(attributes.mapValues { .string($0) }) }
        if !tags.isEmpty { input["tags"] = .object(tags.mapValues { .string($0) }) }
        let output = try await client.json(.sqs, "CreateQueue", .object(input))
        return output["QueueUrl"]?.string ?? ""
    }

    public func getQueueUrl(name: String) async throws -> String {
        try await client.json(.sqs, "GetQueueUrl", ["QueueName": .string(name)])["QueueUrl"]?.string ?? ""
    }

    /// The queue's attributes (`QueueArn`, `VisibilityTimeout`, …); `names` defaults to all.
    public func getQueueAttributes(queueUrl: String, names: [String] = ["All"]) async throws -> [String: String] {
        let output = try await client.json(.sqs, "GetQueueAttributes", [
            "QueueUrl": .string(queueUrl), "AttributeNames": .array(names.map { .string($0) }),
        ])
        return (output["Attributes"]?.object ?? [:]).compactMapValues(\.string)
    }

    /// Changes only the attributes given.
    public func setQueueAttributes(queueUrl: String, attributes: [String: String]) async throws {
        _ = try await client.json(.sqs, "SetQueueAttributes", [
            "QueueUrl": .string(queueUrl), "Attributes": .object(attributes.mapValues { .string($0) }),
        ])
    }

    /// Queue URLs, optionally only those whose name starts with `prefix`; follows NextToken.
    public func listQueues(prefix: String? = nil) async throws -> [String] {
        var input: [String: JSONValue] = [:]
        if let prefix { input["QueueNamePrefix"] = .string(prefix) }
        var urls: [String] = []
        for try await page in client.jsonPages(.sqs, "ListQueues", .object(input)) {
            urls += (page["QueueUrls"]?.array ?? []).compactMap(\.string)
        }
        return urls
    }

    public func deleteQueue(queueUrl: String) async throws {
        _ = try await client.json(.sqs, "DeleteQueue", ["QueueUrl": .string(queueUrl)])
    }
}
