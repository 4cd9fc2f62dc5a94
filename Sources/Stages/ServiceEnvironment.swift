import Foundation
import Provisioning
import Stack

/// Builds a region's service environment from stage outputs: the keys the services read
/// (BRIEF), never a secret value. Keys whose stage has not run yet are left out. The same
/// function feeds `.env.generated` (from what `up` recorded) and the task definitions of stage
/// 04 (from their dependencies' outputs), so the two can never list different keys.
public enum ServiceEnvironment {
    public static func projection(stack: Stack, endpointURL: String?) -> EnvironmentProjection {
        { recorded in
            try section(stack: stack, region: recorded.region, endpointURL: endpointURL) { address, key in
                recorded.value(key, of: address)?.text
            }
        }
    }

    /// The resources of one region whose outputs `section` may read (stage 04 depends on them).
    static func sources(in stage: DataPlaneStage) -> [ResourceAddress] {
        stage.resources().map(\.address)
    }

    /// `lookup` answers an output of a stage 03 resource, or nil when it has none (yet).
    public static func section(
        stack: Stack, region: RegionName, endpointURL: String?,
        lookup: (ResourceAddress, String) -> String?
    ) throws -> EnvironmentSection {
        var section = EnvironmentSection(region: region)
        func output(_ kind: String, _ name: String, _ key: String) -> String? {
            lookup(DataPlaneStage.address(region, kind: kind, name: name), key)
        }
        try section.set(.awsRegion, region.rawValue)
        try section.set(.stack, stack.name)
        if let url = output("sqs_queue", "commit", "queueUrl") { try section.set(.commitQueueURL, url) }
        if let url = output("sqs_queue", "commit-dlq", "queueUrl") { try section.set(.commitDLQURL, url) }
        if let table = output("dynamodb_table", "seat-locks", "tableName") { try section.set(.seatLockTable, table) }
        if let redisURL = stack.local?.redisURL {
            try section.set(.redisHost, redisURL.host)
            try section.set(.redisPort, String(redisURL.port ?? 6379))
            try section.set(.redisTLS, redisURL.scheme == "rediss" ? "true" : "false")
        } else if let host = output("redis_replication_group", "main", "host") {
            try section.set(.redisHost, host)
            try section.set(.redisPort, output("redis_replication_group", "main", "port") ?? "6379")
            try section.set(.redisTLS, output("redis_replication_group", "main", "transitEncryption") ?? "true")
        }
        if let arn = output("secret", DataPlaneStage.redisSecretName, "secret") {
            section.setSecret(.redisAuthToken, SecretReference(arn: arn))
        }
        if let arn = output("secret", DataPlaneStage.roomTokenSecretName, "secret") {
            section.setSecret(.roomTokenKey, SecretReference(arn: arn))
        }
        if let arn = output("secret", DataPlaneStage.webhookSecretName, "secret") {
            section.setSecret(.paymentWebhookSecret, SecretReference(arn: arn))
        }
        if let databaseURL = stack.local?.databaseURL, let local = URLComponents(string: databaseURL.rawValue) {
            // Local runs reach the local PostgreSQL (the emulator's Aurora has no data plane).
            try section.set(.dbHost, databaseURL.host)
            try section.set(.dbPort, String(databaseURL.port ?? AuroraConfig.port))
            try section.set(.dbName, String(local.path.drop { $0 == "/" }))
            try section.set(.dbUser, local.user ?? "")
        } else if let host = stack.dataPlane.aurora.proxy.enabled
                    ? output("rds_proxy", "main", "endpoint") : output("rds_cluster", "main", "writerEndpoint") {
            // With dataPlane.aurora.proxy the services reach the writer through the proxy.
            try section.set(.dbHost, host)
            try section.set(.dbPort, output("rds_cluster", "main", "port") ?? String(AuroraConfig.port))
            try section.set(.dbName, output("rds_cluster", "main", "databaseName") ?? "")
            try section.set(.dbUser, output("rds_cluster", "main", "masterUsername") ?? "")
        }
        if stack.local?.databaseURL != nil {
            // The local server's password, kept in a secret of the stack (LocalServerPasswords).
            if let arn = output("secret", DataPlaneStage.localDatabaseSecretName, "secret") {
                section.setSecret(.dbPassword, SecretReference(arn: arn))
            }
        } else if let arn = output("rds_cluster", "main", "masterUserSecretArn"), !arn.isEmpty {
            // RDS keeps {"username", "password"} in the secret: ECS injects the `password` key.
            section.setSecret(.dbPassword, SecretReference(arn: "\(arn):password::"))
        }
        try section.set(.dbPoolSize, String(stack.dataPlane.aurora.connectionsPerTask))
        try section.set(.admissionRatePerSec, String(stack.app.admissionRatePerSecond))
        try section.set(.holdTTLSec, String(stack.app.holdTTLSeconds))
        try section.set(.maxHoldsPerUser, String(stack.app.maxHoldsPerUser))
        try section.set(.salesRegion, stack.homeRegion.name)
        if let endpointURL { try section.set(.awsEndpointURL, endpointURL) }
        return section
    }
}
