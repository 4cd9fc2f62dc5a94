import AWSClient
import Provisioning
import Stack

/// Stage 02-cluster of one region: the ECS cluster, a log group per service (and the load bot's), the task execution
/// role and one task role per service, each allowed exactly the actions on exactly the ARNs it
/// needs. ARNs of later stages' resources are computed from their deterministic names (the
/// roles must exist before those resources do).
struct ClusterStage: StageContribution {
    let stack: Stack
    let target: RegionTarget
    let account: String

    var region: RegionName { RegionName(target.name) }
    var namer: ResourceNamer { stack.namer(for: target.config.region) }
    var rolePath: String { "/tps/\(stack.name)/" }

    static func address(_ region: RegionName, _ kind: String, _ name: String) -> ResourceAddress {
        ResourceAddress(region: region, stage: .cluster, kind: kind, name: name)
    }

    /// The resources later stages read outputs of.
    static func ecsCluster(_ region: RegionName) -> Dependency<ECSClusterResource.Outputs> {
        Dependency(address(region, "ecs_cluster", "main"))
    }

    static func executionRole(_ region: RegionName) -> Dependency<IAMRoleResource.Outputs> {
        Dependency(address(region, "iam_role", "task-execution"))
    }

    static func taskRole(_ region: RegionName, _ service: ServiceName) -> Dependency<IAMRoleResource.Outputs> {
        Dependency(address(region, "iam_role", service.rawValue))
    }

    /// A service's log group, or the load bot's (`load-bot`).
    static func logGroup(_ region: RegionName, named name: String) -> Dependency<LogGroupResource.Outputs> {
        Dependency(address(region, "log_group", name))
    }

    static let executionPolicyArn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"

    /// ECS tasks may assume the roles, and only from this account.
    var trustPolicy: JSONValue {
        ["Version": "2012-10-17", "Statement": [[
            "Effect": "Allow", "Principal": ["Service": "ecs-tasks.amazonaws.com"], "Action": "sts:AssumeRole",
            "Condition": ["StringEquals": ["aws:SourceAccount": .string(account)]],
        ]]]
    }

    /// Secrets Manager appends `-` and six random characters to a secret's name.
    func secretArn(_ role: String) -> String {
        "arn:aws:secretsmanager:\(target.name):\(account):secret:\(namer.name(role, limit: .secretsManagerSecret))-??????"
    }

    /// The stack's secrets the execution role injects into tasks (stage 03 creates them); a local
    /// stack's database password is one of them, where AWS would inject RDS's own secret.
    var taskSecretNames: [String] {
        [DataPlaneStage.redisSecretName, DataPlaneStage.roomTokenSecretName, DataPlaneStage.webhookSecretName]
            + (stack.local?.databaseURL != nil ? [DataPlaneStage.localDatabaseSecretName] : [])
    }

    /// RDS names the master user secret `rds!cluster-<uuid>` and tags it with the cluster's ARN:
    /// the tag condition pins the statement to exactly this stack's cluster.
    var databaseSecretStatement: JSONValue {
        let cluster = "arn:aws:rds:\(target.name):\(account):cluster:\(namer.name("aurora", limit: .rds))"
        return [
            "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"],
            "Resource": .array([.string("arn:aws:secretsmanager:\(target.name):\(account):secret:rds!cluster-*")]),
            "Condition": ["StringEquals": ["secretsmanager:ResourceTag/aws:rds:primaryDBClusterArn": .string(cluster)]],
        ]
    }

    var commitQueueArn: String { "arn:aws:sqs:\(target.name):\(account):\(namer.fifoQueueName("commit"))" }
    var seatLockTableArn: String { "arn:aws:dynamodb:\(target.name):\(account):table/\(namer.name("seat-locks"))" }

    func statement(_ actions: [String], _ resources: [String]) -> JSONValue {
        ["Effect": "Allow", "Action": .array(actions.map { .string($0) }), "Resource": .array(resources.map { .string($0) })]
    }

    func policy(_ statements: [JSONValue]) -> JSONValue {
        ["Version": "2012-10-17", "Statement": .array(statements)]
    }

    /// What each service's own code calls: public-api writes holds; confirm-api reads them in one
    /// BatchGetItem when pricing an intent; the worker deletes the holds a sale consumed; the
    /// health checks of both APIs describe the table.
    func taskPolicy(_ service: ServiceName) -> JSONValue {
        switch service {
        case .publicAPI:
            policy([statement(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                               "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"], [seatLockTableArn])])
        case .confirmAPI:
            policy([statement(["sqs:SendMessage", "sqs:GetQueueAttributes"], [commitQueueArn]),
                    statement(["dynamodb:BatchGetItem", "dynamodb:DescribeTable"], [seatLockTableArn])])
        case .confirmWorker:
            policy([statement(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                               "sqs:GetQueueAttributes"], [commitQueueArn]),
                    statement(["dynamodb:DeleteItem"], [seatLockTableArn])])
        }
    }

    func resources() -> [any Resource] {
        var resources: [any Resource] = [
            ECSClusterResource(address: Self.ecsCluster(region).address, client: target.client,
                               clusterName: namer.name("cluster", limit: .ecsCluster)),
            IAMRoleResource(
                address: Self.executionRole(region).address, client: target.client,
                roleName: namer.name("task-execution", limit: .iamRole), path: rolePath, trustPolicy: trustPolicy,
                managedPolicies: [Self.executionPolicyArn],
                inlinePolicies: ["read-task-secrets": policy([
                    statement(["secretsmanager:GetSecretValue"], taskSecretNames.map(secretArn)),
                    databaseSecretStatement,
                ])]),
        ]
        // The load bot's tasks log to their own group; they call no AWS API, so no task role.
        resources.append(LogGroupResource(
            address: Self.logGroup(region, named: LoadBot.name).address, client: target.client,
            groupName: namer.logGroupName(named: LoadBot.name), retentionDays: stack.logs.retentionDays))
        for service in ServiceName.allCases {
            resources.append(LogGroupResource(
                address: Self.logGroup(region, named: service.rawValue).address, client: target.client,
                groupName: namer.logGroupName(service), retentionDays: stack.logs.retentionDays))
            resources.append(IAMRoleResource(
                address: Self.taskRole(region, service).address, client: target.client,
                roleName: namer.name("task-\(service.rawValue)", limit: .iamRole), path: rolePath,
                trustPolicy: trustPolicy, managedPolicies: [], inlinePolicies: ["task": taskPolicy(service)]))
        }
        return resources
    }

    func sweeps() -> [KindSweep] {
        let client = target.client, shortName = target.config.region.shortName
        return [
            KindSweep(IAMRoleResource.self, region: region, stage: .cluster,
                      scope: IAMRoleResource.Scope(client: client, path: rolePath, namePrefix: "\(stack.name)-\(shortName)-")),
            KindSweep(LogGroupResource.self, region: region, stage: .cluster,
                      scope: NamePrefixScope(client: client, namePrefix: "/tps/\(stack.name)/\(shortName)/")),
            KindSweep(ECSClusterResource.self, region: region, stage: .cluster, scope: client),
        ]
    }
}
