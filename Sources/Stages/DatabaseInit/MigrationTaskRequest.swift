import AWSClient
import Stack

/// Everything RunTask needs for the one-off migration task: the worker's task definition with
/// its command replaced, in the private subnets behind the worker security group (the database
/// accepts 5432 from that group only), without a public IP.
struct MigrationTaskRequest: Sendable {
    var cluster: String
    var taskDefinitionArn: String
    var containerName: String
    var command: [String]
    var subnets: [String]
    var securityGroup: String
    /// Names the run in ECS (≤ 36 characters) so operators can find it: `tps-db-init-<hash prefix>`.
    var startedBy: String
    var clientToken: String
    var tags: [String: String]

    /// The stack's migrate command followed by the seed's sizes and prices as the worker's
    /// `migrate` flags (all of them, so the seed always matches the stack).
    static func command(_ seed: DatabaseInitConfig) -> [String] {
        seed.migrateCommand + [
            "--seed-events", String(seed.events), "--seed-sections", String(seed.sectionsPerEvent),
            "--seed-seats", String(seed.seatsPerSection), "--seed-base-price", String(seed.basePriceMinor),
            "--seed-price-step", String(seed.priceStepMinor), "--seed-currency", seed.currency,
            "--seed-sale-start-offset", String(seed.saleStartOffsetSeconds),
        ]
    }

    var launch: ECS.FargateTaskLaunch {
        ECS.FargateTaskLaunch(cluster: cluster, taskDefinition: taskDefinitionArn, startedBy: startedBy,
                              clientToken: clientToken, subnets: subnets, securityGroups: [securityGroup],
                              containerName: containerName, command: command, tags: tags)
    }

    /// The RunTask input.
    var input: JSONValue { launch.input }
}
