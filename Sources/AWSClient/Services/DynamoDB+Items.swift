/// Single-item writes with conditions: what the seat-lock table needs (one winner per seat,
/// only the holder deletes). A failed condition is `AWSError` with `isConditionalCheckFailure`.
extension DynamoDB {
    /// PutItem; `condition` (e.g. `attribute_not_exists(pk)`) makes it a conditional write.
    public func putItem(table: String, item: [String: JSONValue], condition: String? = nil,
                        values: [String: JSONValue] = [:]) async throws {
        var input: [String: JSONValue] = ["TableName": .string(table), "Item": .object(item)]
        if let condition { input["ConditionExpression"] = .string(condition) }
        if !values.isEmpty { input["ExpressionAttributeValues"] = .object(values) }
        _ = try await client.json(.dynamoDB, "PutItem", .object(input))
    }

    /// DeleteItem; with `condition` only when it holds.
    public func deleteItem(table: String, key: [String: JSONValue], condition: String? = nil,
                           values: [String: JSONValue] = [:]) async throws {
        var input: [String: JSONValue] = ["TableName": .string(table), "Key": .object(key)]
        if let condition { input["ConditionExpression"] = .string(condition) }
        if !values.isEmpty { input["ExpressionAttributeValues"] = .object(values) }
        _ = try await client.json(.dynamoDB, "DeleteItem", .object(input))
    }

    /// The item's attributes, or nil when there is none (strongly consistent).
    public func getItem(table: String, key: [String: JSONValue]) async throws -> [String: JSONValue]? {
        let output = try await client.json(.dynamoDB, "GetItem", [
            "TableName": .string(table), "Key": .object(key), "ConsistentRead": true,
        ])
        return output["Item"]?.object
    }

    /// Turns on expiry by the epoch-seconds attribute `attribute`.
    public func enableTimeToLive(table: String, attribute: String) async throws {
        _ = try await client.json(.dynamoDB, "UpdateTimeToLive", [
            "TableName": .string(table),
            "TimeToLiveSpecification": ["Enabled": true, "AttributeName": .string(attribute)],
        ])
    }
}

extension AWSError {
    /// A DynamoDB write whose ConditionExpression did not hold.
    public var isConditionalCheckFailure: Bool { code == "ConditionalCheckFailedException" }
}
