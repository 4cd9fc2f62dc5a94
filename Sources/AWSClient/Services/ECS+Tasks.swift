import FoundationEssentials

/// ECS tasks as an agent sees them: which tasks a cluster wants running or stopped, their
/// descriptions, and the state changes the agent reports back (SubmitTaskStateChange, the
/// API ECS's own container agent calls).
extension ECS {
    /// Task ARNs of `cluster` with that desired status (`RUNNING` or `STOPPED`), all pages.
    public func taskArns(cluster: String, desiredStatus: String) async throws -> [String] {
        var arns: [String] = []
        let input: JSONValue = ["cluster": .string(cluster), "desiredStatus": .string(desiredStatus)]
        for try await page in client.jsonPages(.ecs, "ListTasks", input) {
            arns += (page["taskArns"]?.array ?? []).compactMap(\.string)
        }
        return arns
    }

    /// The tasks' descriptions (at most 100 per call, as ECS allows).
    public func describeTasks(cluster: String, arns: [String]) async throws -> [JSONValue] {
        var tasks: [JSONValue] = []
        for start in stride(from: 0, to: arns.count, by: 100) {
            let batch = Array(arns[start..<min(start + 100, arns.count)])
            let output = try await client.json(.ecs, "DescribeTasks", [
                "cluster": .string(cluster), "tasks": .array(batch.map { .string($0) }),
            ])
            tasks += output["tasks"]?.array ?? []
        }
        return tasks
    }

    /// One container's state within a task state change.
    public struct ContainerStateChange: Sendable {
        public var containerName: String
        public var status: String
        public var exitCode: Int?
        public var reason: String?
        public var runtimeId: String?
        public var imageDigest: String?

        public init(containerName: String, status: String, exitCode: Int? = nil, reason: String? = nil,
                    runtimeId: String? = nil, imageDigest: String? = nil) {
            self.containerName = containerName
            self.status = status
            self.exitCode = exitCode
            self.reason = reason
            self.runtimeId = runtimeId
            self.imageDigest = imageDigest
        }

        var json: JSONValue {
            var object: [String: JSONValue] = ["containerName": .string(containerName), "status": .string(status)]
            if let exitCode { object["exitCode"] = .number(Double(exitCode)) }
            if let reason { object["reason"] = .string(String(reason.prefix(255))) }
            if let runtimeId { object["runtimeId"] = .string(runtimeId) }
            if let imageDigest { object["imageDigest"] = .string(imageDigest) }
            return .object(object)
        }
    }

    /// Reports a task's new status (`PENDING`, `RUNNING`, `STOPPED`) as the agent running it.
    public func submitTaskStateChange(cluster: String, task: String, status: String, reason: String? = nil,
                                      containers: [ContainerStateChange] = [], pullStartedAt: Date? = nil,
                                      pullStoppedAt: Date? = nil, executionStoppedAt: Date? = nil) async throws {
        var input: [String: JSONValue] = [
            "cluster": .string(cluster), "task": .string(task), "status": .string(status),
            "containers": .array(containers.map(\.json)),
        ]
        if let reason { input["reason"] = .string(String(reason.prefix(255))) }
        if let pullStartedAt { input["pullStartedAt"] = .number(pullStartedAt.timeIntervalSince1970) }
        if let pullStoppedAt { input["pullStoppedAt"] = .number(pullStoppedAt.timeIntervalSince1970) }
        if let executionStoppedAt { input["executionStoppedAt"] = .number(executionStoppedAt.timeIntervalSince1970) }
        _ = try await client.json(.ecs, "SubmitTaskStateChange", .object(input))
    }
}
