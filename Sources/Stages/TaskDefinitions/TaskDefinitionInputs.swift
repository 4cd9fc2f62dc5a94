import Provisioning

/// What a service's task definition takes from other stages. Each value may still be unknown
/// while planning a fresh stack; the renderer marks the fields they land in as unknown.
public struct TaskDefinitionInputs: Sendable, Hashable {
    /// `<repositoryUri>@sha256:<digest>`: by digest, so a task never runs a moved tag.
    public var image: PlannedValue<String>
    public var executionRoleArn: PlannedValue<String>
    public var taskRoleArn: PlannedValue<String>
    public var logGroup: PlannedValue<String>
    /// Plain variables (values may carry ``TaskDefinitionRenderer/unknownMarker``).
    public var environment: [String: String]
    /// Variable → Secrets Manager ARN; ECS injects the value, the definition holds only the ARN.
    public var secrets: [String: String]

    public init(image: PlannedValue<String>, executionRoleArn: PlannedValue<String>,
                taskRoleArn: PlannedValue<String>, logGroup: PlannedValue<String>,
                environment: [String: String], secrets: [String: String]) {
        self.image = image
        self.executionRoleArn = executionRoleArn
        self.taskRoleArn = taskRoleArn
        self.logGroup = logGroup
        self.environment = environment
        self.secrets = secrets
    }
}
