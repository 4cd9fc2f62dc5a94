/// A table's settings beyond its key: billing mode, warm throughput, expiry (TTL) and
/// point-in-time recovery, each read and changed by its own action.
extension DynamoDB {
    /// Switches the table's billing mode (`PAY_PER_REQUEST`, `PROVISIONED`).
    public func updateTable(name: String, billingMode: String) async throws {
        _ = try await client.json(.dynamoDB, "UpdateTable", ["TableName": .string(name), "BillingMode": .string(billingMode)])
    }

    /// Raises the table's warm throughput (DynamoDB cannot lower it).
    public func updateTable(name: String, warmThroughput: (read: Int, write: Int)) async throws {
        _ = try await client.json(.dynamoDB, "UpdateTable", [
            "TableName": .string(name), "WarmThroughput": Self.warmThroughput(warmThroughput),
        ])
    }

    /// The attribute expiry is on for, or nil when it is off (`ENABLING` counts as on).
    public func describeTimeToLive(table: String) async throws -> String? {
        let output = try await client.json(.dynamoDB, "DescribeTimeToLive", ["TableName": .string(table)])
        let description = output["TimeToLiveDescription"]
        guard let status = description?["TimeToLiveStatus"]?.string, status == "ENABLED" || status == "ENABLING"
        else { return nil }
        return description?["AttributeName"]?.string
    }

    /// Turns expiry by the epoch-seconds `attribute` on or off.
    public func updateTimeToLive(table: String, attribute: String, enabled: Bool) async throws {
        _ = try await client.json(.dynamoDB, "UpdateTimeToLive", [
            "TableName": .string(table),
            "TimeToLiveSpecification": ["Enabled": .bool(enabled), "AttributeName": .string(attribute)],
        ])
    }

    /// Turns on expiry by the epoch-seconds attribute `attribute`.
    public func enableTimeToLive(table: String, attribute: String) async throws {
        try await updateTimeToLive(table: table, attribute: attribute, enabled: true)
    }

    /// Whether point-in-time recovery is on.
    public func describeContinuousBackups(table: String) async throws -> Bool {
        let output = try await client.json(.dynamoDB, "DescribeContinuousBackups", ["TableName": .string(table)])
        return output["ContinuousBackupsDescription"]?["PointInTimeRecoveryDescription"]?["PointInTimeRecoveryStatus"]?
            .string == "ENABLED"
    }

    public func updateContinuousBackups(table: String, pointInTimeRecovery: Bool) async throws {
        _ = try await client.json(.dynamoDB, "UpdateContinuousBackups", [
            "TableName": .string(table),
            "PointInTimeRecoverySpecification": ["PointInTimeRecoveryEnabled": .bool(pointInTimeRecovery)],
        ])
    }
}
