import AWSClient
import Foundation

/// The awslogs log driver: a container's stdout and stderr (appended to a file by the runtime)
/// shipped line by line to `<group>` / `<prefix>/<container>/<task id>` with the execution
/// role's credentials, as ECS ships them.
actor AwslogsShipper {
    let logs: CloudWatchLogs
    let group: String
    let stream: String
    let path: String
    private var offset: UInt64 = 0
    private var partial = ""
    private var streamReady = false

    init(client: AWSClient, destination: ContainerDefinitionView.AwsLogs, containerName: String, taskId: String, path: String) {
        logs = CloudWatchLogs(client: client)
        group = destination.group
        stream = "\(destination.streamPrefix)/\(containerName)/\(taskId)"
        self.path = path
    }

    /// Sends the lines written since the last call; `final` sends an unterminated last line too.
    func ship(final: Bool = false) async {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: offset)
            let data = handle.readDataToEndOfFile()
            offset += UInt64(data.count)
            var text = partial + String(decoding: data, as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            partial = lines.removeLast()
            if final, !partial.isEmpty {
                lines.append(partial)
                partial = ""
            }
            text = ""
            let nonEmpty = lines.filter { !$0.isEmpty }
            guard !nonEmpty.isEmpty else { return }
            if !streamReady {
                try await logs.ensureLogStream(group: group, stream: stream)
                streamReady = true
            }
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            try await logs.putLogEvents(group: group, stream: stream, events: nonEmpty.map { (now, $0) })
        } catch {
            // The lines stay in the local file; CloudWatch may be throttling or the role may lack
            // logs:PutLogEvents — the agent reports neither as a task failure, as ECS does not.
        }
    }
}
