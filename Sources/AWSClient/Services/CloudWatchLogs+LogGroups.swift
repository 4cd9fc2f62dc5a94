/// Log groups and their retention (logs would otherwise be kept, and billed, forever).
extension CloudWatchLogs {
    public struct LogGroup: Sendable, Equatable {
        public var name: String
        /// As DescribeLogGroups answers it: `arn:…:log-group:<name>:*`.
        public var arn: String
        /// nil: kept forever.
        public var retentionInDays: Int?

        init(_ json: JSONValue) {
            name = json["logGroupName"]?.string ?? ""
            arn = json["arn"]?.string ?? ""
            retentionInDays = json["retentionInDays"]?.int
        }
    }

    /// The groups whose name starts with `namePrefix` (the first page, up to 50).
    public func describeLogGroups(namePrefix: String) async throws -> [LogGroup] {
        let output = try await client.json(.cloudWatchLogs, "DescribeLogGroups", ["logGroupNamePrefix": .string(namePrefix)])
        return (output["logGroups"]?.array ?? []).map(LogGroup.init)
    }

    /// Tagged at creation; one that already exists is `ResourceAlreadyExistsException`.
    public func createLogGroup(name: String, tags: [String: String]) async throws {
        _ = try await client.json(.cloudWatchLogs, "CreateLogGroup", [
            "logGroupName": .string(name), "tags": .object(tags.mapValues { .string($0) }),
        ])
    }

    public func putRetentionPolicy(group: String, retentionInDays: Int) async throws {
        _ = try await client.json(.cloudWatchLogs, "PutRetentionPolicy", [
            "logGroupName": .string(group), "retentionInDays": .number(Double(retentionInDays)),
        ])
    }

    public func deleteLogGroup(name: String) async throws {
        _ = try await client.json(.cloudWatchLogs, "DeleteLogGroup", ["logGroupName": .string(name)])
    }
}
