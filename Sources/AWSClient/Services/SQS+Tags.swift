extension SQS {
    public func listQueueTags(queueUrl: String) async throws -> [String: String] {
        let output = try await client.json(.sqs, "ListQueueTags", ["QueueUrl": .string(queueUrl)])
        return (output["Tags"]?.object ?? [:]).compactMapValues(\.string)
    }
}
