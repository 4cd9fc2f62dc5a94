extension DynamoDB {
    /// Every table name in the region (follows LastEvaluatedTableName).
    public func listTables() async throws -> [String] {
        var names: [String] = []
        var start: String?
        repeat {
            var input: [String: JSONValue] = [:]
            if let start { input["ExclusiveStartTableName"] = .string(start) }
            let page = try await client.json(.dynamoDB, "ListTables", .object(input))
            names += (page["TableNames"]?.array ?? []).compactMap(\.string)
            start = page["LastEvaluatedTableName"]?.string
        } while start != nil
        return names
    }

    public func listTagsOfResource(arn: String) async throws -> [String: String] {
        try await client.json(.dynamoDB, "ListTagsOfResource", ["ResourceArn": .string(arn)])["Tags"]?.tagDictionary() ?? [:]
    }
}
