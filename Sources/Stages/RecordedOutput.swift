import Provisioning
import Stack

/// One output `up` records, for the commands that read it back (`dlq`, `e2e`, `load`,
/// `verify-image`): the key path stays with the resource that declares it, so a command
/// cannot misspell it.
public struct RecordedOutput {
    public let address: ResourceAddress
    /// The output's name, for messages (`queueUrl`).
    public let name: String
    private let read: (ResourceOutputs) -> String?

    init<Outputs>(_ key: KeyPath<Outputs, String>, of resource: Dependency<Outputs>) {
        self.address = resource.address
        self.name = key.outputName
        self.read = { try? $0.value(key) }
    }

    init<Outputs>(_ key: KeyPath<Outputs, String?>, of resource: Dependency<Outputs>) {
        self.address = resource.address
        self.name = key.outputName
        self.read = { (try? $0.value(key)) ?? nil }
    }

    /// The value in a region's recorded outputs; nil when not recorded.
    public func value(in recorded: RecordedOutputs) -> String? {
        recorded[address].flatMap(read)
    }

    /// The value in the recorded outputs of `address`.
    public func value(in outputs: ResourceOutputs) -> String? { read(outputs) }
}

extension RecordedOutput {
    /// The commit queue's URL and its dead-letter queue's (`tpsctl dlq`).
    public static func commitQueueURL(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.queueUrl, of: DataPlaneStage.commitQueue(region))
    }

    public static func deadLetterQueueURL(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.queueUrl, of: DataPlaneStage.deadLetterQueue(region))
    }

    /// The ARN of the payment webhook secret: `e2e` and `load` act as the payment provider with it.
    public static func paymentWebhookSecretARN(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.secret.arn, of: DataPlaneStage.secret(region, DataPlaneStage.webhookSecretName))
    }

    /// The local entry points: the distribution's (stage 07, in the region that owns it) and an ALB's.
    public static func distributionURL(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.url, of: CloudFrontStage.distribution(region))
    }

    public static func loadBalancerURL(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.url, of: ServicesStage.loadBalancer(region))
    }

    /// A pushed image (`verify-image`).
    public static func imageURI(in region: RegionName, _ service: ServiceName) -> RecordedOutput {
        RecordedOutput(\.imageUri, of: ImageSource.image(region, service))
    }

    public static func imageDigest(in region: RegionName, _ service: ServiceName) -> RecordedOutput {
        RecordedOutput(\.digest, of: ImageSource.image(region, service))
    }

    /// What `load run --ecs` starts the load bot's tasks with.
    public static func clusterName(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.clusterName, of: ClusterStage.ecsCluster(region))
    }

    public static func loadBotTaskDefinitionARN(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.arn, of: TaskDefinitionsStage.taskDefinition(region, named: LoadBot.name))
    }

    public static func loadBotLogGroup(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.logGroupName, of: ClusterStage.logGroup(region, named: LoadBot.name))
    }

    public static func workerSecurityGroupId(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.groupId, of: NetworkStage.securityGroup(region, "worker"))
    }

    /// The ids of the private subnets recorded in `recorded`'s region, by name.
    public static func privateSubnetIds(in recorded: RecordedOutputs) -> [String] {
        recorded.outputs.keys
            .filter { $0.stage == .network && $0.kind == "subnet" && $0.name.hasPrefix("private-") }
            .sorted { $0.name < $1.name }
            .compactMap { recorded.value(\.subnetId, of: Dependency<SubnetResource.Outputs>($0)) }
    }

    /// The dimensions of one region's metrics (`load figures`).
    public static func loadBalancerARN(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.arn, of: ServicesStage.loadBalancer(region))
    }

    public static func targetGroupARN(in region: RegionName, _ service: ServiceName) -> RecordedOutput {
        RecordedOutput(\.arn, of: ServicesStage.targetGroup(region, service))
    }

    public static func serviceClusterName(in region: RegionName, _ service: ServiceName) -> RecordedOutput {
        RecordedOutput(\.clusterName, of: ServicesStage.ecsService(region, service))
    }

    public static func serviceName(in region: RegionName, _ service: ServiceName) -> RecordedOutput {
        RecordedOutput(\.serviceName, of: ServicesStage.ecsService(region, service))
    }

    public static func commitQueueName(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.queueName, of: DataPlaneStage.commitQueue(region))
    }

    public static func deadLetterQueueName(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.queueName, of: DataPlaneStage.deadLetterQueue(region))
    }

    public static func auroraClusterId(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.clusterId, of: DataPlaneStage.database(region))
    }

    public static func redisGroupId(in region: RegionName) -> RecordedOutput {
        RecordedOutput(\.replicationGroupId, of: DataPlaneStage.redis(region))
    }
}
