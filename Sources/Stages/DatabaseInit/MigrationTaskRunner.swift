import AWSClient
import Provisioning

/// Runs the migration task once and reports how it ended: RunTask, wait for STOPPED (the
/// waiter shows lastStatus as it goes), then the container's exit code and its awslogs lines.
struct MigrationTaskRunner: Sendable {
    let client: AWSClient
    let timeout: Duration

    /// The container to override and where its log lines go, from the task definition.
    struct Container: Sendable {
        var name: String
        var logGroup: String?
        var streamPrefix: String?
    }

    /// The worker container of `taskDefinitionArn` (the essential one named like the family's
    /// service, else the first essential one).
    func container(of taskDefinitionArn: String, preferring name: String) async throws -> Container {
        let definition = try await ECS(client: client).describeTaskDefinition(taskDefinitionArn, includeTags: false)
        let containers = definition.document["containerDefinitions"]?.array ?? []
        guard let chosen = containers.first(where: { $0["name"]?.string == name })
            ?? containers.first(where: { $0["essential"]?.bool != false }) ?? containers.first
        else { throw StageFailure("task definition \(taskDefinitionArn) has no container to run the migration in") }
        let options = chosen["logConfiguration"]?["options"]
        return Container(name: chosen["name"]?.string ?? name, logGroup: options?["awslogs-group"]?.string,
                         streamPrefix: options?["awslogs-stream-prefix"]?.string)
    }

    func run(_ request: MigrationTaskRequest, container: Container, context: ResourceContext) async throws
        -> MigrationTaskOutcome
    {
        let ecs = ECS(client: client)
        let taskArn: String
        switch try await ecs.runTask(request.launch) {
        case let .started(arn): taskArn = arn
        case let .failed(reason): throw StageFailure("RunTask of \(request.taskDefinitionArn) failed: \(reason)")
        case .noTask: throw StageFailure("RunTask of \(request.taskDefinitionArn) returned no task")
        }
        context.events.emit(.note(context.address, message: "started migration task \(taskArn)"))
        let task: JSONValue = try await context.wait(for: "migration task \(Self.taskId(taskArn)) to stop", timeout: timeout) {
            guard let task = try await ecs.describeTasks(cluster: request.cluster, arns: [taskArn]).first
            else { return .pending("not listed yet") }
            let status = task["lastStatus"]?.string ?? "unknown"
            return status == "STOPPED" ? .done(task) : .pending(status)
        }
        let containerState = (task["containers"]?.array ?? []).first { $0["name"]?.string == container.name }
        var outcome = MigrationTaskOutcome(
            taskArn: taskArn, stopCode: task["stopCode"]?.string, stoppedReason: task["stoppedReason"]?.string,
            exitCode: containerState?["exitCode"]?.int, containerReason: containerState?["reason"]?.string, logLines: [])
        outcome.logLines = try await logLines(container: container, taskArn: taskArn)
        return outcome
    }

    /// The awslogs stream of the task, oldest first, with any password in a URL masked.
    /// A task that never started has no stream: no lines.
    func logLines(container: Container, taskArn: String) async throws -> [String] {
        guard let group = container.logGroup, let prefix = container.streamPrefix else { return [] }
        return try await TaskLogStream(group: group, prefix: prefix, container: container.name, taskArn: taskArn)
            .lines(client: client)
    }

    static func taskId(_ taskArn: String) -> String { TaskLogStream.taskId(taskArn) }
}
