import AWSClient
import Provisioning
import Stack

/// Stage 03-dataplane of one region: the commit queue and its DLQ, the seat-lock table, the
/// services' secrets (room-token key, payment webhook secret), Redis (AUTH token secret, subnet
/// group, replication group) and Aurora PostgreSQL Serverless v2 (subnet group, cluster, writer)
/// in the private subnets.
struct DataPlaneStage: StageContribution {
    let stack: Stack
    let target: RegionTarget
    let network: NetworkStage
    /// The account id (the RDS Proxy role's trust condition); nil where the graph has none.
    var account: String? = nil
    /// Local runs: the local servers' passwords, which the Redis and database secrets then hold.
    var localPasswords: LocalServerPasswords? = nil
    /// Whether the command builds the stack's first region too, whose shared secrets the other
    /// regions copy (then they are created after it; otherwise they must exist already).
    var firstRegionTargeted = true
    /// `down --skip-final-snapshot`: a production stack's Aurora cluster goes without a final snapshot.
    var skipFinalSnapshot = false

    var region: RegionName { RegionName(target.name) }
    /// Local runs: where the Aurora cluster's and the Redis group's data really is.
    var localStores: LocalStores? { LocalStores(local: stack.local, passwords: localPasswords) }
    var namer: ResourceNamer { stack.namer(for: target.config.region) }

    static func address(_ region: RegionName, kind: String, name: String) -> ResourceAddress {
        ResourceAddress(region: region, stage: .dataplane, kind: kind, name: name)
    }

    /// The resources other stages, `.env.generated` and the commands read outputs of.
    static func commitQueue(_ region: RegionName) -> Dependency<SQSQueueResource.Outputs> {
        Dependency(address(region, kind: "sqs_queue", name: "commit"))
    }

    static func deadLetterQueue(_ region: RegionName) -> Dependency<SQSQueueResource.Outputs> {
        Dependency(address(region, kind: "sqs_queue", name: "commit-dlq"))
    }

    static func seatLockTable(_ region: RegionName) -> Dependency<SeatLockTableResource.Outputs> {
        Dependency(address(region, kind: "dynamodb_table", name: "seat-locks"))
    }

    /// One of the stack's secrets, by its name after the stack prefix.
    static func secret(_ region: RegionName, _ name: String) -> Dependency<StackSecretResource.Outputs> {
        Dependency(address(region, kind: "secret", name: name))
    }

    static func redis(_ region: RegionName) -> Dependency<RedisReplicationGroupResource.Outputs> {
        Dependency(address(region, kind: "redis_replication_group", name: "main"))
    }

    static func database(_ region: RegionName) -> Dependency<AuroraClusterResource.Outputs> {
        Dependency(address(region, kind: "rds_cluster", name: "main"))
    }

    static func databaseProxy(_ region: RegionName) -> Dependency<DBProxyResource.Outputs> {
        Dependency(address(region, kind: "rds_proxy", name: "main"))
    }

    var deadLetterQueue: Dependency<SQSQueueResource.Outputs> { Self.deadLetterQueue(region) }
    var commitQueue: Dependency<SQSQueueResource.Outputs> { Self.commitQueue(region) }
    var seatLockTable: Dependency<SeatLockTableResource.Outputs> { Self.seatLockTable(region) }
    var redisSecret: Dependency<StackSecretResource.Outputs> { Self.secret(region, Self.redisSecretName) }
    var roomTokenSecret: Dependency<StackSecretResource.Outputs> { Self.secret(region, Self.roomTokenSecretName) }
    var webhookSecret: Dependency<StackSecretResource.Outputs> { Self.secret(region, Self.webhookSecretName) }
    /// Local runs only: the password of `local.databaseURL`'s server, injected as DB_PASSWORD.
    var localDatabaseSecret: Dependency<StackSecretResource.Outputs> { Self.secret(region, Self.localDatabaseSecretName) }

    /// The secrets' names after the stack prefix; the execution role is granted exactly these.
    static let redisSecretName = "redis-auth"
    static let roomTokenSecretName = "room-token-key"
    static let webhookSecretName = "payment-webhook-secret"
    static let localDatabaseSecretName = "local-database"
    var redisSubnetGroup: Dependency<CacheSubnetGroupResource.Outputs> {
        Dependency(Self.address(region, kind: "cache_subnet_group", name: "redis"))
    }
    var redis: Dependency<RedisReplicationGroupResource.Outputs> { Self.redis(region) }
    var databaseSubnetGroup: Dependency<DBSubnetGroupResource.Outputs> {
        Dependency(Self.address(region, kind: "db_subnet_group", name: "aurora"))
    }
    var database: Dependency<AuroraClusterResource.Outputs> { Self.database(region) }
    var databaseWriter: ResourceAddress { Self.address(region, kind: "rds_instance", name: "writer") }
    var databaseProxyRole: Dependency<IAMRoleResource.Outputs> { Dependency(Self.address(region, kind: "iam_role", name: "rds-proxy")) }
    var databaseProxy: Dependency<DBProxyResource.Outputs> { Self.databaseProxy(region) }
    var databaseProxyTargets: ResourceAddress { Self.address(region, kind: "rds_proxy_target_group", name: "default") }

    func resources() -> [any Resource] {
        let queue = stack.dataPlane.queue
        return [
            SQSQueueResource(
                address: deadLetterQueue.address, client: target.client, queueName: namer.fifoQueueName("commit-dlq"),
                settings: SQSQueueResource.highThroughputFifo.merging([
                    "MessageRetentionPeriod": String(queue.deadLetterRetentionSeconds),
                ]) { $1 }, redrive: nil),
            SQSQueueResource(
                address: commitQueue.address, client: target.client, queueName: namer.fifoQueueName("commit"),
                settings: SQSQueueResource.highThroughputFifo.merging([
                    "VisibilityTimeout": String(queue.visibilityTimeoutSeconds),
                    "ReceiveMessageWaitTimeSeconds": String(queue.receiveWaitTimeSeconds),
                    "MessageRetentionPeriod": String(queue.messageRetentionSeconds),
                ]) { $1 },
                redrive: .init(deadLetterQueue: deadLetterQueue, maxReceiveCount: queue.maxReceiveCount)),
            SeatLockTableResource(
                address: seatLockTable.address, client: target.client, tableName: namer.name("seat-locks"),
                ttlAttribute: stack.dataPlane.seatLocks.ttlAttribute,
                pointInTimeRecovery: stack.dataPlane.seatLocks.pointInTimeRecovery,
                warmReadUnits: stack.dataPlane.seatLocks.warmReadUnitsPerSecond,
                warmWriteUnits: stack.dataPlane.seatLocks.warmWriteUnitsPerSecond),
        ] + serviceSecrets() + redisResources() + auroraResources()
    }

    /// The keys the API services sign with: generated by Secrets Manager in the stack's first
    /// region, 64 letters and digits (the services want at least 32 bytes), and copied from there
    /// to every other region, so a room token and a provider's callback are valid everywhere.
    func serviceSecrets() -> [any Resource] {
        var secrets: [any Resource] = [
            StackSecretResource(address: roomTokenSecret.address, client: target.client,
                                secretName: namer.name(Self.roomTokenSecretName, limit: .secretsManagerSecret),
                                summary: "ROOM_TOKEN_KEY of \(stack.name) public-api in \(target.name)",
                                source: sharedSource(Self.roomTokenSecretName)),
            StackSecretResource(address: webhookSecret.address, client: target.client,
                                secretName: namer.name(Self.webhookSecretName, limit: .secretsManagerSecret),
                                summary: "PAYMENT_WEBHOOK_SECRET of \(stack.name) confirm-api in \(target.name)",
                                source: sharedSource(Self.webhookSecretName)),
        ]
        if stack.local?.databaseURL != nil, let password = localPasswords?.database {
            secrets.append(StackSecretResource(
                address: localDatabaseSecret.address, client: target.client,
                secretName: namer.name(Self.localDatabaseSecretName, limit: .secretsManagerSecret),
                summary: "Password of the local database of \(stack.name) in \(target.name)", source: .localServer(password)))
        }
        if let origin = OriginSecret.of(stack, client: target.client, ownerTargeted: true), origin.region == target.config.region,
           let resource = origin.resource(stackName: stack.name) {
            secrets.append(resource)
        }
        return secrets
    }

    /// Generated in the stack's first region; elsewhere the first region's value, by name.
    func sharedSource(_ name: String) -> StackSecretResource.Source {
        let first = stack.regions[0].region
        guard first != target.config.region else { return .generated(length: 64) }
        return .copied(SharedSecretOrigin(
            region: first.name, client: target.client.withRegion(first.name),
            secretName: stack.namer(for: first).name(name, limit: .secretsManagerSecret),
            address: firstRegionTargeted ? Self.address(RegionName(first.name), kind: "secret", name: name) : nil))
    }

    func redisResources() -> [any Resource] {
        let redis = stack.redis(in: target.config.region)
        return [
            StackSecretResource(address: redisSecret.address, client: target.client,
                                secretName: namer.name(Self.redisSecretName, limit: .secretsManagerSecret),
                                summary: "AUTH token of \(stack.name) Redis in \(target.name)",
                                source: localPasswords?.redis.map { .localServer($0) } ?? .generated(length: 64)),
            CacheSubnetGroupResource(address: redisSubnetGroup.address, client: target.client,
                                     groupName: namer.name("redis", limit: .elastiCache),
                                     subnets: network.layout.zones.map { network.privateSubnet($0.index) }),
            RedisReplicationGroupResource(
                address: self.redis.address, client: target.client, groupId: namer.name("redis", limit: .elastiCache),
                nodeType: redis.nodeType, replicas: redis.replicas, engineVersion: redis.engineVersion,
                transitEncryption: redis.transitEncryption, atRestEncryption: redis.atRestEncryption,
                subnetGroup: redisSubnetGroup, securityGroup: network.securityGroup("redis"), authSecret: redisSecret,
                localStores: localStores),
        ]
    }

    func auroraResources() -> [any Resource] {
        [
            DBSubnetGroupResource(address: databaseSubnetGroup.address, client: target.client,
                                  groupName: namer.name("aurora", limit: .rds),
                                  subnets: network.layout.zones.map { network.privateSubnet($0.index) }),
            AuroraClusterResource(address: database.address, client: target.client, clusterId: namer.name("aurora", limit: .rds),
                                  config: stack.aurora(in: target.config.region), subnetGroup: databaseSubnetGroup,
                                  securityGroup: network.securityGroup("aurora"), localStores: localStores,
                                  keepsData: stack.production, skipFinalSnapshot: skipFinalSnapshot),
            AuroraInstanceResource(address: databaseWriter, client: target.client,
                                   instanceId: namer.name("aurora-writer", limit: .rds), cluster: database),
        ] + proxyResources()
    }

    /// `dataPlane.aurora.proxy.enabled`: the RDS Proxy, its role and its target group. The role
    /// lives under the stack's IAM path like stage 02's roles, whose family lists it too (its
    /// tags claim it for this stage).
    func proxyResources() -> [any Resource] {
        let config = stack.aurora(in: target.config.region).proxy
        guard config.enabled else { return [] }
        return [
            DBProxyRoleResource(address: databaseProxyRole.address, client: target.client,
                                roleName: namer.name("rds-proxy", limit: .iamRole), path: "/tps/\(stack.name)/",
                                account: account, cluster: database),
            DBProxyResource(address: databaseProxy.address, client: target.client,
                            proxyName: namer.name("aurora-proxy", limit: .rds), config: config, role: databaseProxyRole,
                            cluster: database, subnets: network.layout.zones.map { network.privateSubnet($0.index) },
                            securityGroup: network.securityGroup("aurora")),
            DBProxyTargetGroupResource(address: databaseProxyTargets, client: target.client, config: config,
                                       proxy: databaseProxy, cluster: database),
        ]
    }

    func sweeps() -> [KindSweep] {
        let scope = NamePrefixScope(client: target.client, namePrefix: "\(stack.name)-\(target.config.region.shortName)-")
        func sweep<R: SweptResource>(_ type: R.Type) -> KindSweep where R.Scope == NamePrefixScope {
            KindSweep(type, region: region, stage: .dataplane, scope: scope)
        }
        return [
            sweep(SQSQueueResource.self), sweep(SeatLockTableResource.self), sweep(StackSecretResource.self),
            sweep(CacheSubnetGroupResource.self), sweep(RedisReplicationGroupResource.self), sweep(DBSubnetGroupResource.self),
            sweep(AuroraClusterResource.self), sweep(AuroraInstanceResource.self), sweep(DBProxyResource.self),
        ]
    }
}
