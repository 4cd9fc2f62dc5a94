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
    /// The seed's sizes and prices; the worker's `migrate` renders the seed template with them.
    var environment: [String: String]
    /// Names the run in ECS (≤ 36 characters) so operators can find it: `tps-db-init-<hash prefix>`.
    var startedBy: String
    var clientToken: String
    var tags: [String: String]

    /// The seed parameters, as the worker's `migrate` command reads them.
    static func seedEnvironment(_ seed: DatabaseInitConfig) -> [String: String] {
        ["SEED_EVENTS": String(seed.events), "SEED_SECTIONS_PER_EVENT": String(seed.sectionsPerEvent),
         "SEED_SEATS_PER_SECTION": String(seed.seatsPerSection), "SEED_BASE_PRICE_MINOR": String(seed.basePriceMinor),
         "SEED_PRICE_STEP_MINOR": String(seed.priceStepMinor), "SEED_CURRENCY": seed.currency]
    }

    var input: JSONValue {
        [
            "cluster": .string(cluster), "taskDefinition": .string(taskDefinitionArn), "count": 1,
            "launchType": "FARGATE", "startedBy": .string(startedBy), "clientToken": .string(clientToken),
            "networkConfiguration": ["awsvpcConfiguration": [
                "subnets": .array(subnets.map(JSONValue.string)),
                "securityGroups": [.string(securityGroup)], "assignPublicIp": "DISABLED",
            ]],
            "overrides": ["containerOverrides": [[
                "name": .string(containerName), "command": .array(command.map(JSONValue.string)),
                "environment": .array(environment.keys.sorted().map {
                    ["name": .string($0), "value": .string(environment[$0]!)]
                }),
            ]]],
            "tags": JSONTags.list(tags, keyName: "key", valueName: "value"),
        ]
    }
}
