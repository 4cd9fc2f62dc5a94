import AWSClient
import Provisioning

/// The DynamoDB seat-lock table: on demand (holds arrive in bursts), keyed by `seatKey`
/// (`<eventId>#<seatId>`), expired holds removed by TTL, point-in-time recovery as the stack says,
/// and warm throughput for `seatLocks.expectedHoldsPerSecond`, so a sale's first second is not
/// throttled while a new table scales. DynamoDB cannot lower warm throughput: a table warmer
/// than the stack asks is left as it is (converged), a colder one is raised by UpdateTable.
struct SeatLockTableResource: Resource {
    struct Live: Sendable {
        var name: String
        var arn: String
        var status: String
        var partitionKey: String
        var billingMode: String
        var ttlAttribute: String?
        var pointInTimeRecovery: Bool
        var warmReadUnits: Int
        var warmWriteUnits: Int
    }

    static let partitionKey = "seatKey"

    let address: ResourceAddress
    let client: AWSClient
    let tableName: String
    let ttlAttribute: String
    let pointInTimeRecovery: Bool
    let warmReadUnits: Int
    let warmWriteUnits: Int

    func read(_ context: ResourceContext) async throws -> Live? {
        let table: JSONValue
        do {
            table = try await client.json(.dynamoDB, "DescribeTable", ["TableName": .string(tableName)])["Table"] ?? [:]
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
        let status = table["TableStatus"]?.string ?? ""
        let key = (table["KeySchema"]?.array ?? []).first { $0["KeyType"]?.string == "HASH" }?["AttributeName"]?.string ?? ""
        let billing = table["BillingModeSummary"]?["BillingMode"]?.string ?? "PROVISIONED"
        let warm = table["WarmThroughput"]
        var live = Live(name: tableName, arn: table["TableArn"]?.string ?? "", status: status, partitionKey: key,
                        billingMode: billing, ttlAttribute: nil, pointInTimeRecovery: false,
                        warmReadUnits: warm?["ReadUnitsPerSecond"]?.int ?? 0,
                        warmWriteUnits: warm?["WriteUnitsPerSecond"]?.int ?? 0)
        guard status != "DELETING" else { return live }
        let ttl = try await client.json(.dynamoDB, "DescribeTimeToLive", ["TableName": .string(tableName)])
        if ttl["TimeToLiveDescription"]?["TimeToLiveStatus"]?.string.map({ $0 == "ENABLED" || $0 == "ENABLING" }) == true {
            live.ttlAttribute = ttl["TimeToLiveDescription"]?["AttributeName"]?.string
        }
        let backups = try await client.json(.dynamoDB, "DescribeContinuousBackups", ["TableName": .string(tableName)])
        live.pointInTimeRecovery = backups["ContinuousBackupsDescription"]?["PointInTimeRecoveryDescription"]?[
            "PointInTimeRecoveryStatus"]?.string == "ENABLED"
        return live
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        if let live, live.status == "DELETING" { diff.replace(because: "the table is being deleted") }
        diff.compare("partitionKey", desired: Self.partitionKey, live: live?.partitionKey, onChange: .replace)
        diff.compare("billingMode", desired: "PAY_PER_REQUEST", live: live?.billingMode)
        diff.compare("ttlAttribute", desired: ttlAttribute, live: live?.ttlAttribute)
        diff.compare("pointInTimeRecovery", desired: pointInTimeRecovery, live: live?.pointInTimeRecovery)
        diff.compare("warmThroughput", desired: Self.describe(warmTarget(live)),
                     live: live.map { Self.describe(($0.warmReadUnits, $0.warmWriteUnits)) })
    }

    /// What the table should be warmed to: the stack's rates, or more where it already is.
    func warmTarget(_ live: Live?) -> (read: Int, write: Int) {
        (max(warmReadUnits, live?.warmReadUnits ?? 0), max(warmWriteUnits, live?.warmWriteUnits ?? 0))
    }

    static func describe(_ units: (read: Int, write: Int)) -> String {
        "\(units.read) reads/s, \(units.write) writes/s"
    }

    private var warmThroughputInput: JSONValue {
        ["ReadUnitsPerSecond": .number(Double(warmReadUnits)), "WriteUnitsPerSecond": .number(Double(warmWriteUnits))]
    }

    func create(_ context: ResourceContext) async throws -> Live {
        var input: [String: JSONValue] = [
            "TableName": .string(tableName), "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [["AttributeName": .string(Self.partitionKey), "AttributeType": "S"]],
            "KeySchema": [["AttributeName": .string(Self.partitionKey), "KeyType": "HASH"]],
            "WarmThroughput": warmThroughputInput,
        ]
        if !context.tags.isEmpty {
            input["Tags"] = .array(context.tags.keys.sorted().map { ["Key": .string($0), "Value": .string(context.tags[$0] ?? "")] })
        }
        let created = try await client.json(.dynamoDB, "CreateTable", .object(input))["TableDescription"] ?? [:]
        var live = Live(name: tableName, arn: created["TableArn"]?.string ?? "", status: created["TableStatus"]?.string ?? "",
                        partitionKey: Self.partitionKey, billingMode: "PAY_PER_REQUEST", ttlAttribute: nil,
                        pointInTimeRecovery: false, warmReadUnits: warmReadUnits, warmWriteUnits: warmWriteUnits)
        live = try await waitActive(live, context: context)
        return try await converge(live, context: context)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var live = try await waitActive(live, context: context)
        if live.billingMode != "PAY_PER_REQUEST" {
            _ = try await client.json(.dynamoDB, "UpdateTable", [
                "TableName": .string(tableName), "BillingMode": "PAY_PER_REQUEST",
            ])
            live.billingMode = "PAY_PER_REQUEST"
            live = try await waitActive(live, context: context)
        }
        let target = warmTarget(live)
        if target != (live.warmReadUnits, live.warmWriteUnits) {
            _ = try await client.json(.dynamoDB, "UpdateTable", [
                "TableName": .string(tableName),
                "WarmThroughput": ["ReadUnitsPerSecond": .number(Double(target.read)),
                                   "WriteUnitsPerSecond": .number(Double(target.write))],
            ])
            (live.warmReadUnits, live.warmWriteUnits) = target
            live.status = "UPDATING"
            live = try await waitActive(live, context: context)
        }
        return try await converge(live, context: context)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            _ = try await client.json(.dynamoDB, "DeleteTable", ["TableName": .string(tableName)])
        }
    }

    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        try await waitActive(live, context: context)
    }

    func waitUntilGone(_ live: Live, context: ResourceContext) async throws {
        let _: Bool = try await context.wait(for: "table \(tableName) deleted") {
            do {
                let table = try await client.json(.dynamoDB, "DescribeTable", ["TableName": .string(tableName)])
                return .pending(table["Table"]?["TableStatus"]?.string)
            } catch where AWSErrorMatching.isNotFound(error) {
                return .done(true)
            }
        }
    }

    struct Outputs: PublishedOutputs {
        let tableName, tableArn: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(tableName: live.name, tableArn: live.arn)
    }

    private func waitActive(_ live: Live, context: ResourceContext) async throws -> Live {
        guard live.status != "ACTIVE" else { return live }
        return try await context.wait(for: "table \(tableName) ACTIVE") {
            let table = try await client.json(.dynamoDB, "DescribeTable", ["TableName": .string(tableName)])
            let status = table["Table"]?["TableStatus"]?.string ?? "missing"
            var ready = live
            ready.status = status
            return status == "ACTIVE" ? .done(ready) : .pending(status)
        }
    }

    /// TTL and point-in-time recovery, each set only when it differs (a converged table gets no call).
    private func converge(_ live: Live, context: ResourceContext) async throws -> Live {
        var live = live
        if live.ttlAttribute != ttlAttribute {
            if let current = live.ttlAttribute {
                _ = try await client.json(.dynamoDB, "UpdateTimeToLive", [
                    "TableName": .string(tableName),
                    "TimeToLiveSpecification": ["AttributeName": .string(current), "Enabled": false],
                ])
            }
            _ = try await client.json(.dynamoDB, "UpdateTimeToLive", [
                "TableName": .string(tableName),
                "TimeToLiveSpecification": ["AttributeName": .string(ttlAttribute), "Enabled": true],
            ])
            live.ttlAttribute = ttlAttribute
        }
        if live.pointInTimeRecovery != pointInTimeRecovery {
            _ = try await client.json(.dynamoDB, "UpdateContinuousBackups", [
                "TableName": .string(tableName),
                "PointInTimeRecoverySpecification": ["PointInTimeRecoveryEnabled": .bool(pointInTimeRecovery)],
            ])
            live.pointInTimeRecovery = pointInTimeRecovery
        }
        return live
    }
}

extension SeatLockTableResource: SingleKindResource {
    static let kind = "dynamodb_table"

    /// The stack's tables (names start with the prefix; tags confirm).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let dynamoDB = DynamoDB(client: scope.client)
        var found: [TaggedObject] = []
        for name in try await dynamoDB.listTables() where name.hasPrefix(scope.namePrefix) {
            let table: DynamoDB.TableDescription
            do {
                table = try await dynamoDB.describeTable(name: name)
            } catch where AWSErrorMatching.isNotFound(error) { continue }
            guard table.status != "DELETING", !table.arn.isEmpty else { continue }
            let tags = try await dynamoDB.listTagsOfResource(arn: table.arn)
            if tags[ResourceTags.stackKey] == stack { found.append(TaggedObject(id: name, tags: tags)) }
        }
        return found
    }

    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await DynamoDB(client: scope.client).deleteTable(name: id) }
    }
}
