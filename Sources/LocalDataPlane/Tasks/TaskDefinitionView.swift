import AWSClient

/// The parts of a task (DescribeTasks) and its definition (DescribeTaskDefinition) that the
/// agent acts on, read once when the task is taken.
struct TaskView: Sendable {
    let arn: String
    let id: String
    let clusterArn: String
    let taskDefinitionArn: String
    /// `service:<name>` for a service's task (what its target groups are found by).
    let group: String?
    /// The ENI's private address ECS gave the task (awsvpc); nil for other network modes.
    let privateAddress: String?
    /// `containerOverrides` by container name: command and extra environment.
    let overrides: [String: (command: [String]?, environment: [String: String])]

    init(_ task: JSONValue) {
        arn = task["taskArn"]?.string ?? ""
        id = arn.split(separator: "/").last.map(String.init) ?? arn
        clusterArn = task["clusterArn"]?.string ?? ""
        taskDefinitionArn = task["taskDefinitionArn"]?.string ?? ""
        group = task["group"]?.string
        let eni = (task["attachments"]?.array ?? []).first { $0["type"]?.string == "ElasticNetworkInterface" || $0["type"]?.string == "eni" }
        privateAddress = (eni?["details"]?.array ?? []).first { $0["name"]?.string == "privateIPv4Address" }?["value"]?.string
        var overrides: [String: (command: [String]?, environment: [String: String])] = [:]
        for entry in task["overrides"]?["containerOverrides"]?.array ?? [] {
            guard let name = entry["name"]?.string else { continue }
            overrides[name] = (entry["command"]?.array?.compactMap(\.string),
                               Dictionary(NameValue.pairs(entry["environment"]), uniquingKeysWith: { $1 }))
        }
        self.overrides = overrides
    }
}

/// One container definition.
struct ContainerDefinitionView: Sendable {
    struct HealthCheck: Sendable {
        let command: [String]
        let interval: Duration
        let timeout: Duration
        let retries: Int
        let startPeriod: Duration
    }

    struct AwsLogs: Sendable {
        let group: String
        let region: String
        let streamPrefix: String
    }

    let name: String
    let image: String
    let essential: Bool
    let entryPoint: [String]?
    let command: [String]?
    let user: String?
    let workingDirectory: String?
    let environment: [(name: String, value: String)]
    let secrets: [(name: String, valueFrom: String)]
    let stopTimeout: Duration
    let healthCheck: HealthCheck?
    let logs: AwsLogs?
    let containerPorts: [Int]

    init(_ definition: JSONValue) {
        name = definition["name"]?.string ?? ""
        image = definition["image"]?.string ?? ""
        essential = definition["essential"]?.bool ?? true
        entryPoint = definition["entryPoint"]?.array?.compactMap(\.string)
        command = definition["command"]?.array?.compactMap(\.string)
        user = definition["user"]?.string
        workingDirectory = definition["workingDirectory"]?.string
        environment = NameValue.pairs(definition["environment"])
        secrets = (definition["secrets"]?.array ?? []).compactMap {
            guard let name = $0["name"]?.string, let from = $0["valueFrom"]?.string else { return nil }
            return (name, from)
        }
        // Fargate's default and its maximum.
        stopTimeout = .seconds(min(definition["stopTimeout"]?.int ?? 30, 120))
        if let check = definition["healthCheck"], let command = check["command"]?.array?.compactMap(\.string), !command.isEmpty {
            healthCheck = HealthCheck(command: command, interval: .seconds(check["interval"]?.int ?? 30),
                                      timeout: .seconds(check["timeout"]?.int ?? 5), retries: check["retries"]?.int ?? 3,
                                      startPeriod: .seconds(check["startPeriod"]?.int ?? 0))
        } else {
            healthCheck = nil
        }
        let log = definition["logConfiguration"]
        if log?["logDriver"]?.string == "awslogs", let options = log?["options"], let group = options["awslogs-group"]?.string {
            logs = AwsLogs(group: group, region: options["awslogs-region"]?.string ?? "",
                           streamPrefix: options["awslogs-stream-prefix"]?.string ?? "")
        } else {
            logs = nil
        }
        containerPorts = (definition["portMappings"]?.array ?? []).compactMap { $0["containerPort"]?.int }
    }
}

struct TaskDefinitionView: Sendable {
    let arn: String
    let executionRoleArn: String?
    let taskRoleArn: String?
    let networkMode: String
    let containers: [ContainerDefinitionView]

    init(_ definition: JSONValue) {
        arn = definition["taskDefinitionArn"]?.string ?? ""
        executionRoleArn = definition["executionRoleArn"]?.string
        taskRoleArn = definition["taskRoleArn"]?.string
        networkMode = definition["networkMode"]?.string ?? "bridge"
        containers = (definition["containerDefinitions"]?.array ?? []).map(ContainerDefinitionView.init)
    }
}

enum NameValue {
    static func pairs(_ value: JSONValue?) -> [(name: String, value: String)] {
        (value?.array ?? []).compactMap {
            guard let name = $0["name"]?.string else { return nil }
            return (name, $0["value"]?.string ?? "")
        }
    }
}
