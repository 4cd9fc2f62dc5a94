import AWSClient
import Provisioning
import Stack

/// Stage 03-dataplane of one region: the commit queue and its DLQ, the seat-lock table, Redis
/// (AUTH token secret, subnet group, replication group) and Aurora PostgreSQL Serverless v2
/// (subnet group, cluster, writer) in the private subnets.
struct DataPlaneStage {
    let stack: Stack
    let target: RegionTarget
    let network: NetworkStage

    var region: RegionName { RegionName(target.name) }
    var namer: ResourceNamer { stack.namer(for: target.config.region) }

    static func address(_ region: RegionName, kind: String, name: String) -> ResourceAddress {
        ResourceAddress(region: region, stage: .dataplane, kind: kind, name: name)
    }

    var deadLetterQueue: ResourceAddress { Self.address(region, kind: "sqs_queue", name: "commit-dlq") }
    var commitQueue: ResourceAddress { Self.address(region, kind: "sqs_queue", name: "commit") }
    var seatLockTable: ResourceAddress { Self.address(region, kind: "dynamodb_table", name: "seat-locks") }
    var redisSecret: ResourceAddress { Self.address(region, kind: "secret", name: "redis-auth") }
    var redisSubnetGroup: ResourceAddress { Self.address(region, kind: "cache_subnet_group", name: "redis") }
    var redis: ResourceAddress { Self.address(region, kind: "redis_replication_group", name: "main") }
    var databaseSubnetGroup: ResourceAddress { Self.address(region, kind: "db_subnet_group", name: "aurora") }
    var database: ResourceAddress { Self.address(region, kind: "rds_cluster", name: "main") }
    var databaseWriter: ResourceAddress { Self.address(region, kind: "rds_instance", name: "writer") }

    func resources() -> [any Resource] {
        let queue = stack.dataPlane.queue
        return [
            SQSQueueResource(
                address: deadLetterQueue, client: target.client, queueName: namer.fifoQueueName("commit-dlq"),
                settings: ["MessageRetentionPeriod": String(queue.deadLetterRetentionSeconds)], redrive: nil),
            SQSQueueResource(
                address: commitQueue, client: target.client, queueName: namer.fifoQueueName("commit"),
                settings: [
                    "VisibilityTimeout": String(queue.visibilityTimeoutSeconds),
                    "ReceiveMessageWaitTimeSeconds": String(queue.receiveWaitTimeSeconds),
                    "MessageRetentionPeriod": String(queue.messageRetentionSeconds),
                ],
                redrive: .init(deadLetterQueue: deadLetterQueue, maxReceiveCount: queue.maxReceiveCount)),
            SeatLockTableResource(
                address: seatLockTable, client: target.client, tableName: namer.name("seat-locks"),
                ttlAttribute: stack.dataPlane.seatLocks.ttlAttribute,
                pointInTimeRecovery: stack.dataPlane.seatLocks.pointInTimeRecovery),
        ] + redisResources() + auroraResources()
    }

    func redisResources() -> [any Resource] {
        let redis = stack.redis(in: target.config.region)
        return [
            GeneratedSecretResource(address: redisSecret, client: target.client,
                                    secretName: namer.name("redis-auth", limit: .secretsManagerSecret),
                                    summary: "AUTH token of \(stack.name) Redis in \(target.name)"),
            CacheSubnetGroupResource(address: redisSubnetGroup, client: target.client,
                                     groupName: namer.name("redis", limit: .elastiCache),
                                     subnets: network.layout.zones.map { network.privateSubnet($0.index) }),
            RedisReplicationGroupResource(
                address: self.redis, client: target.client, groupId: namer.name("redis", limit: .elastiCache),
                nodeType: redis.nodeType, replicas: redis.replicas, engineVersion: redis.engineVersion,
                transitEncryption: redis.transitEncryption, atRestEncryption: redis.atRestEncryption,
                subnetGroup: redisSubnetGroup, securityGroup: network.securityGroup("redis"), authSecret: redisSecret),
        ]
    }

    func auroraResources() -> [any Resource] {
        [
            DBSubnetGroupResource(address: databaseSubnetGroup, client: target.client,
                                  groupName: namer.name("aurora", limit: .rds),
                                  subnets: network.layout.zones.map { network.privateSubnet($0.index) }),
            AuroraClusterResource(address: database, client: target.client, clusterId: namer.name("aurora", limit: .rds),
                                  config: stack.aurora(in: target.config.region), subnetGroup: databaseSubnetGroup,
                                  securityGroup: network.securityGroup("aurora")),
            AuroraInstanceResource(address: databaseWriter, client: target.client,
                                   instanceId: namer.name("aurora-writer", limit: .rds), cluster: database),
        ]
    }

    func families() -> [any ResourceFamily] {
        let prefix = "\(stack.name)-\(target.config.region.shortName)-"
        return [
            SQSQueueFamily(region: region, client: target.client, namePrefix: prefix),
            DynamoDBTableFamily(region: region, client: target.client, namePrefix: prefix),
            GeneratedSecretFamily(region: region, client: target.client, namePrefix: prefix),
            CacheSubnetGroupFamily(region: region, client: target.client, namePrefix: prefix),
            RedisReplicationGroupFamily(region: region, client: target.client, idPrefix: prefix),
            DBSubnetGroupFamily(region: region, client: target.client, namePrefix: prefix),
            AuroraClusterFamily(region: region, client: target.client, idPrefix: prefix),
            AuroraInstanceFamily(region: region, client: target.client, idPrefix: prefix),
        ]
    }
}
