import AWSClient
import Provisioning

/// The DynamoDB seat-lock table: on demand (holds arrive in bursts), keyed by `seatKey`
/// (`<eventId>#<seatId>`), expired holds removed by TTL, point-in-time recovery as the stack says.
struct SeatLockTableResource: Resource {
    struct Live: Sendable {
        var name: String
        var arn: String
        var status: String
        var partitionKey: String
        var billingMode: String
        var ttlAttribute: String?
        var pointInTimeRecovery: Bool
    }

    static let partitionKey = "seatKey"

    let address: ResourceAddress
    let client: AWSClient
    let tableName: String
    let ttlAttribute: String
    let pointInTimeRecovery: Bool

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
        var live = Live(name: tableName, arn: table["TableArn"]?.string ?? "", status: status, partitionKey: key,
                        billingMode: billing, ttlAttribute: nil, pointInTimeRecovery: false)
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
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let created = try await DynamoDB(client: client).createTable(
            name: tableName, partitionKey: (Self.partitionKey, "S"), tags: context.tags)
        var live = Live(name: tableName, arn: created.arn, status: created.status, partitionKey: Self.partitionKey,
                        billingMode: "PAY_PER_REQUEST", ttlAttribute: nil, pointInTimeRecovery: false)
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

    func outputs(_ live: Live) -> ResourceOutputs {
        ResourceOutputs(["tableName": live.name, "tableArn": live.arn])
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
