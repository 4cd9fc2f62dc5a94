/// Amazon DynamoDB (AWS JSON 1.0): the table operations tpsctl needs (the seat-lock table).
public struct DynamoDB: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct TableDescription: Sendable, Equatable {
        public var name: String
        public var arn: String
        /// `CREATING`, `ACTIVE`, `DELETING`, …
        public var status: String
        /// Key attribute name → `HASH` / `RANGE`.
        public var keySchema: [String: String]

        init(_ table: JSONValue) {
            name = table["TableName"]?.string ?? ""
            arn = table["TableArn"]?.string ?? ""
            status = table["TableStatus"]?.string ?? ""
            var schema: [String: String] = [:]
            for element in table["KeySchema"]?.array ?? [] {
                if let attribute = element["AttributeName"]?.string { schema[attribute] = element["KeyType"]?.string ?? "" }
            }
            keySchema = schema
        }
    }

    /// An on-demand table keyed by `partitionKey` (and `sortKey`); attribute types are `S`, `N` or `B`.
    public func createTable(name: String, partitionKey: (name: String, type: String),
                            sortKey: (name: String, type: String)? = nil,
                            tags: [String: String] = [:]) async throws -> TableDescription {
        var attributes: [JSONValue] = [["AttributeName": .string(partitionKey.name), "AttributeType": .string(partitionKey.type)]]
        var keySchema: [JSONValue] = [["AttributeName": .string(partitionKey.name), "KeyType": "HASH"]]
        if let sortKey {
            attributes.append(["AttributeName": .string(sortKey.name), "AttributeType": .string(sortKey.type)])
            keySchema.append(["AttributeName": .string(sortKey.name), "KeyType": "RANGE"])
        }
        var input: [String: JSONValue] = [
            "TableName": .string(name), "AttributeDefinitions": .array(attributes), "KeySchema": .array(keySchema),
            "BillingMode": "PAY_PER_REQUEST",
        ]
        if !tags.isEmpty {
            input["Tags"] = .array(tags.keys.sorted().map { ["Key": .string($0), "Value": .string(tags[$0] ?? "")] })
        }
        let output = try await client.json(.dynamoDB, "CreateTable", .object(input))
        return TableDescription(output["TableDescription"] ?? [:])
    }

    public func describeTable(name: String) async throws -> TableDescription {
        let output = try await client.json(.dynamoDB, "DescribeTable", ["TableName": .string(name)])
        return TableDescription(output["Table"] ?? [:])
    }

    public func deleteTable(name: String) async throws {
        _ = try await client.json(.dynamoDB, "DeleteTable", ["TableName": .string(name)])
    }
}
