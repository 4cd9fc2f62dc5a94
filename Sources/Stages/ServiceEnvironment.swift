import Foundation
import Provisioning
import Stack

/// Builds each region's `.env.generated` section from what `up` recorded: the keys the services
/// read (BRIEF), never a secret value. Keys whose stage has not run yet are left out.
public enum ServiceEnvironment {
    public static func projection(stack: Stack, endpointURL: String?) -> EnvironmentProjection {
        { recorded in
            var section = EnvironmentSection(region: recorded.region)
            let region = recorded.region
            func output(_ kind: String, _ name: String, _ key: String) -> String? {
                recorded.value(key, of: DataPlaneStage.address(region, kind: kind, name: name))?.text
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
            if let arn = output("secret", "redis-auth", "secret") {
                section.setSecret(.redisAuthToken, SecretReference(arn: arn))
            }
            if let databaseURL = stack.local?.databaseURL, let local = URLComponents(string: databaseURL.rawValue) {
                // Local runs reach the local PostgreSQL (the emulator's Aurora has no data plane).
                try section.set(.dbHost, databaseURL.host)
                try section.set(.dbPort, String(databaseURL.port ?? AuroraConfig.port))
                try section.set(.dbName, String(local.path.drop { $0 == "/" }))
                try section.set(.dbUser, local.user ?? "")
            } else if let host = output("rds_cluster", "main", "writerEndpoint") {
                try section.set(.dbHost, host)
                try section.set(.dbPort, output("rds_cluster", "main", "port") ?? String(AuroraConfig.port))
                try section.set(.dbName, output("rds_cluster", "main", "databaseName") ?? "")
                try section.set(.dbUser, output("rds_cluster", "main", "masterUsername") ?? "")
            }
            if let arn = output("rds_cluster", "main", "masterUserSecretArn"), !arn.isEmpty {
                // RDS keeps {"username", "password"} in the secret: ECS injects the `password` key.
                section.setSecret(.dbPassword, SecretReference(arn: "\(arn):password::"))
            }
            try section.set(.admissionRatePerSec, String(stack.app.admissionRatePerSecond))
            try section.set(.holdTTLSec, String(stack.app.holdTTLSeconds))
            if let endpointURL { try section.set(.awsEndpointURL, endpointURL) }
            return section
        }
    }
}
