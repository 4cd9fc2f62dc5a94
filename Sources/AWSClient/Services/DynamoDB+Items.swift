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

    /// Consistent reads of `keys` in one table (at most 100); the keys DynamoDB left unread
    /// (throttling) come back to be asked again.
    public func batchGetItem(table: String, keys: [[String: JSONValue]])
        async throws -> (items: [[String: JSONValue]], unprocessedKeys: [[String: JSONValue]]) {
        let output = try await client.json(.dynamoDB, "BatchGetItem", [
            "RequestItems": [table: ["Keys": .array(keys.map { .object($0) }), "ConsistentRead": true]],
        ])
        let items = (output["Responses"]?[table]?.array ?? []).compactMap(\.object)
        let unprocessed = (output["UnprocessedKeys"]?[table]?["Keys"]?.array ?? []).compactMap(\.object)
        return (items, unprocessed)
    }
}

extension AWSError {
    /// A DynamoDB write whose ConditionExpression did not hold.
    public var isConditionalCheckFailure: Bool { code == "ConditionalCheckFailedException" }
}
