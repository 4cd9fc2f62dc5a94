extension CloudWatchLogs {
    /// The names of the log groups starting with `prefix` (the first page only).
    public func describeLogGroups(prefix: String) async throws -> [String] {
        let output = try await client.json(.cloudWatchLogs, "DescribeLogGroups", ["logGroupNamePrefix": .string(prefix)])
        return (output["logGroups"]?.array ?? []).compactMap { $0["logGroupName"]?.string }
    }

    public func listTagsLogGroup(name: String) async throws -> [String: String] {
        let output = try await client.json(.cloudWatchLogs, "ListTagsLogGroup", ["logGroupName": .string(name)])
        return (output["tags"]?.object ?? [:]).compactMapValues(\.string)
    }
}
