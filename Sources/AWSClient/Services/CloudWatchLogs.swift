import FoundationEssentials

/// CloudWatch Logs (AWS JSON 1.1): the writes an awslogs log driver makes.
public struct CloudWatchLogs: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Creates the stream; one that already exists is fine (a resumed writer).
    public func ensureLogStream(group: String, stream: String) async throws {
        do {
            _ = try await client.json(.cloudWatchLogs, "CreateLogStream", [
                "logGroupName": .string(group), "logStreamName": .string(stream),
            ])
        } catch let error as AWSError where error.code == "ResourceAlreadyExistsException" {}
    }

    /// Appends events (time in ms since the epoch, oldest first); CloudWatch takes at most
    /// 10,000 events or 1 MiB a call, so larger sets go in several calls.
    public func putLogEvents(group: String, stream: String, events: [(timestamp: Int64, message: String)]) async throws {
        var start = 0
        while start < events.count {
            var end = start
            var bytes = 0
            while end < events.count, end - start < 10_000, bytes + events[end].message.utf8.count + 26 < 1_000_000 {
                bytes += events[end].message.utf8.count + 26
                end += 1
            }
            if end == start { end = start + 1 }
            _ = try await client.json(.cloudWatchLogs, "PutLogEvents", [
                "logGroupName": .string(group), "logStreamName": .string(stream),
                "logEvents": .array(events[start..<end].map {
                    ["timestamp": .number(Double($0.timestamp)), "message": .string(String($0.message.prefix(200_000)))]
                }),
            ])
            start = end
        }
    }
}
