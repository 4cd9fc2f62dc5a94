import AWSClient
import Provisioning

/// The stack's DynamoDB tables in a region (names start with the stack name; tags confirm).
struct DynamoDBTableFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    var stage: Stage { .dataplane }
    var kind: String { "dynamodb_table" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        var names: [String] = []
        var start: String?
        repeat {
            var input: [String: JSONValue] = [:]
            if let start { input["ExclusiveStartTableName"] = .string(start) }
            let page = try await client.json(.dynamoDB, "ListTables", .object(input))
            names += (page["TableNames"]?.array ?? []).compactMap(\.string)
            start = page["LastEvaluatedTableName"]?.string
        } while start != nil
        var found: [TaggedResource] = []
        for name in names where name.hasPrefix(namePrefix) {
            let table: JSONValue
            do {
                table = try await client.json(.dynamoDB, "DescribeTable", ["TableName": .string(name)])["Table"] ?? [:]
            } catch where AWSErrorMatching.isNotFound(error) { continue }
            guard table["TableStatus"]?.string != "DELETING", let arn = table["TableArn"]?.string else { continue }
            let output = try await client.json(.dynamoDB, "ListTagsOfResource", ["ResourceArn": .string(arn)])
            var tags: [String: String] = [:]
            for tag in output["Tags"]?.array ?? [] {
                if let key = tag["Key"]?.string { tags[key] = tag["Value"]?.string ?? "" }
            }
            if tags[ResourceTags.stackKey] == stack { found.append(TaggedResource(id: name, region: region, kind: kind, tags: tags)) }
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            _ = try await client.json(.dynamoDB, "DeleteTable", ["TableName": .string(resource.id)])
        }
    }
}
