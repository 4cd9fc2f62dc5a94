/// One-off Fargate tasks (the database migration, the load bot's shards): one task in private
/// subnets without a public IP, its container's command replaced, stopped when no longer wanted.
extension ECS {
    public struct FargateTaskLaunch: Sendable, Equatable {
        public var cluster: String
        public var taskDefinition: String
        /// Names the run in ECS (≤ 36 characters) so operators can find it.
        public var startedBy: String
        /// RunTask's idempotency token (≤ 64 characters): a retried launch starts no second task.
        public var clientToken: String
        public var subnets: [String]
        public var securityGroups: [String]
        public var containerName: String
        public var command: [String]
        /// Tags of the task; none are sent when empty.
        public var tags: [String: String]

        public init(cluster: String, taskDefinition: String, startedBy: String, clientToken: String, subnets: [String],
                    securityGroups: [String], containerName: String, command: [String], tags: [String: String] = [:]) {
            self.cluster = cluster
            self.taskDefinition = taskDefinition
            self.startedBy = startedBy
            self.clientToken = clientToken
            self.subnets = subnets
            self.securityGroups = securityGroups
            self.containerName = containerName
            self.command = command
            self.tags = tags
        }

        /// The RunTask input.
        public var input: JSONValue {
            var input: [String: JSONValue] = [
                "cluster": .string(cluster), "taskDefinition": .string(taskDefinition), "count": 1,
                "launchType": "FARGATE", "startedBy": .string(startedBy), "clientToken": .string(clientToken),
                "networkConfiguration": ["awsvpcConfiguration": [
                    "subnets": .array(subnets.map(JSONValue.string)),
                    "securityGroups": .array(securityGroups.map(JSONValue.string)), "assignPublicIp": "DISABLED",
                ]],
                "overrides": ["containerOverrides": [[
                    "name": .string(containerName), "command": .array(command.map(JSONValue.string)),
                ]]],
            ]
            if !tags.isEmpty { input["tags"] = ECS.tagList(tags) }
            return .object(input)
        }
    }

    /// The started task's ARN, or why ECS started none (`reason: detail` of its first failure).
    public enum RunTaskOutcome: Sendable, Equatable {
        case started(taskArn: String)
        case failed(reason: String)
        /// Neither a task nor a failure in the answer.
        case noTask
    }

    public func runTask(_ launch: FargateTaskLaunch) async throws -> RunTaskOutcome {
        let output = try await client.json(.ecs, "RunTask", launch.input)
        if let failure = output["failures"]?.array?.first {
            return .failed(reason: [failure["reason"]?.string, failure["detail"]?.string].compactMap { $0 }
                .joined(separator: ": "))
        }
        guard let taskArn = output["tasks"]?.array?.first?["taskArn"]?.string else { return .noTask }
        return .started(taskArn: taskArn)
    }

    public func stopTask(cluster: String, task: String, reason: String) async throws {
        _ = try await client.json(.ecs, "StopTask", [
            "cluster": .string(cluster), "task": .string(task), "reason": .string(reason),
        ])
    }
}
