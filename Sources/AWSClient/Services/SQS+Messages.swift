/// The message operations of SQS that the services need: confirm-api sends commits to the FIFO
/// queue, confirm-worker long-polls, extends visibility while working and deletes when done.
extension SQS {
    /// One received message. `receiveCount` (ApproximateReceiveCount) tells a redelivery from a
    /// first delivery; `groupId` keeps FIFO order per group when a batch is worked concurrently.
    public struct ReceivedMessage: Sendable, Hashable {
        public let messageId: String
        public let receiptHandle: String
        public let body: String
        public let receiveCount: Int
        public let groupId: String?
        /// SentTimestamp (milliseconds since 1970): when the message was first sent.
        public let sentMilliseconds: Int64?

        public init(messageId: String, receiptHandle: String, body: String, receiveCount: Int, groupId: String?,
                    sentMilliseconds: Int64? = nil) {
            self.messageId = messageId
            self.receiptHandle = receiptHandle
            self.body = body
            self.receiveCount = receiveCount
            self.groupId = groupId
            self.sentMilliseconds = sentMilliseconds
        }
    }

    /// SendMessage; `groupId` and `deduplicationId` are required by FIFO queues (the same
    /// deduplication id within five minutes is accepted but not enqueued twice). Returns MessageId.
    @discardableResult
    public func sendMessage(queueUrl: String, body: String, groupId: String? = nil,
                            deduplicationId: String? = nil) async throws -> String {
        var input: [String: JSONValue] = ["QueueUrl": .string(queueUrl), "MessageBody": .string(body)]
        if let groupId { input["MessageGroupId"] = .string(groupId) }
        if let deduplicationId { input["MessageDeduplicationId"] = .string(deduplicationId) }
        return try await client.json(.sqs, "SendMessage", .object(input))["MessageId"]?.string ?? ""
    }

    /// ReceiveMessage with long polling: waits up to `waitTimeSeconds` (0–20) for up to
    /// `maxMessages` (1–10). `visibilityTimeout` nil keeps the queue's own.
    public func receiveMessages(queueUrl: String, maxMessages: Int = 10, waitTimeSeconds: Int = 20,
                                visibilityTimeout: Int? = nil) async throws -> [ReceivedMessage] {
        let systemAttributes: JSONValue = ["ApproximateReceiveCount", "MessageGroupId", "SentTimestamp"]
        var input: [String: JSONValue] = [
            "QueueUrl": .string(queueUrl),
            "MaxNumberOfMessages": .number(Double(min(max(maxMessages, 1), 10))),
            "WaitTimeSeconds": .number(Double(min(max(waitTimeSeconds, 0), 20))),
            // AttributeNames is the older spelling; sending both works with every endpoint.
            "MessageSystemAttributeNames": systemAttributes,
            "AttributeNames": systemAttributes,
        ]
        if let visibilityTimeout { input["VisibilityTimeout"] = .number(Double(visibilityTimeout)) }
        let output = try await client.json(.sqs, "ReceiveMessage", .object(input))
        return (output["Messages"]?.array ?? []).compactMap { message in
            guard let id = message["MessageId"]?.string, let handle = message["ReceiptHandle"]?.string else {
                return nil
            }
            let attributes = message["Attributes"]
            return ReceivedMessage(
                messageId: id, receiptHandle: handle, body: message["Body"]?.string ?? "",
                receiveCount: attributes?["ApproximateReceiveCount"]?.string.flatMap(Int.init) ?? 1,
                groupId: attributes?["MessageGroupId"]?.string,
                sentMilliseconds: attributes?["SentTimestamp"]?.string.flatMap(Int64.init))
        }
    }

    public func deleteMessage(queueUrl: String, receiptHandle: String) async throws {
        _ = try await client.json(.sqs, "DeleteMessage", [
            "QueueUrl": .string(queueUrl), "ReceiptHandle": .string(receiptHandle),
        ])
    }

    /// Makes the message invisible for `seconds` more from now (0 = visible again at once).
    public func changeMessageVisibility(queueUrl: String, receiptHandle: String, seconds: Int) async throws {
        _ = try await client.json(.sqs, "ChangeMessageVisibility", [
            "QueueUrl": .string(queueUrl), "ReceiptHandle": .string(receiptHandle),
            "VisibilityTimeout": .number(Double(min(max(seconds, 0), 43_200))),
        ])
    }

    /// DeleteMessageBatch, ten handles per call (SQS's limit; more go in further calls): one
    /// call counts once against a FIFO queue's per-action quota whatever its size. Returns the
    /// handles SQS did not delete, each with its error code (a partial failure is not thrown).
    public func deleteMessages(queueUrl: String, receiptHandles: [String]) async throws -> [String: String] {
        try await batched("DeleteMessageBatch", queueUrl: queueUrl, receiptHandles.map { (handle: $0, extra: [:]) })
    }

    /// ChangeMessageVisibilityBatch, ten entries per call; each handle gets its own timeout
    /// (0 = visible again at once). Returns the handles SQS did not change, with the error code.
    public func changeMessageVisibility(queueUrl: String,
                                        entries: [(receiptHandle: String, seconds: Int)]) async throws -> [String: String] {
        try await batched("ChangeMessageVisibilityBatch", queueUrl: queueUrl, entries.map { entry in
            (handle: entry.receiptHandle, extra: ["VisibilityTimeout": .number(Double(min(max(entry.seconds, 0), 43_200)))])
        })
    }

    private func batched(_ action: String, queueUrl: String,
                         _ entries: [(handle: String, extra: [String: JSONValue])]) async throws -> [String: String] {
        var failed: [String: String] = [:]
        for start in stride(from: 0, to: entries.count, by: 10) {
            let chunk = Array(entries[start..<min(start + 10, entries.count)])
            let input: [JSONValue] = chunk.enumerated().map { index, entry in
                .object(entry.extra.merging(["Id": .string("m\(index)"), "ReceiptHandle": .string(entry.handle)]) { $1 })
            }
            let output = try await client.json(.sqs, action, ["QueueUrl": .string(queueUrl), "Entries": .array(input)])
            for failure in output["Failed"]?.array ?? [] {
                guard let id = failure["Id"]?.string, let index = Int(id.dropFirst()), chunk.indices.contains(index) else { continue }
                failed[chunk[index].handle] = failure["Code"]?.string ?? "unknown"
            }
        }
        return failed
    }
}
