import AWSClient

/// An ECS task's awslogs stream (`<prefix>/<container>/<task id>`), read back oldest first with
/// GetLogEvents: the migration task's output (stage 08) and the load bot's results.
public struct TaskLogStream: Sendable {
    public let group: String
    public let stream: String

    public init(group: String, prefix: String, container: String, taskArn: String) {
        self.group = group
        stream = "\(prefix)/\(container)/\(Self.taskId(taskArn))"
    }

    /// Every line, with any password in a URL masked. A task that never started has no stream:
    /// no lines.
    public func lines(client: AWSClient) async throws -> [String] {
        var lines: [String] = []
        var token: String?
        for _ in 0..<1_000 {
            let page: (messages: [String], nextForwardToken: String?)
            do {
                page = try await CloudWatchLogs(client: client).getLogEvents(group: group, stream: stream, token: token)
            } catch where AWSErrorMatching.isNotFound(error) {
                return lines
            }
            let events = page.messages.map(LogLineRedaction.redact)
            lines += events
            let next = page.nextForwardToken
            // GetLogEvents signals the end by returning the token it was given.
            if events.isEmpty || next == nil || next == token { break }
            token = next
        }
        return lines
    }

    public static func taskId(_ taskArn: String) -> String {
        taskArn.split(separator: "/").last.map(String.init) ?? taskArn
    }
}
