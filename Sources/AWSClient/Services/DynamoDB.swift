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
        /// `PAY_PER_REQUEST` or `PROVISIONED` (DynamoDB leaves the summary out for the latter).
        public var billingMode: String
        /// The warm throughput the table serves at once (0 when DynamoDB does not say).
        public var warmReadUnits: Int
        public var warmWriteUnits: Int

        init(_ table: JSONValue) {
            name = table["TableName"]?.string ?? ""
            arn = table["TableArn"]?.string ?? ""
            status = table["TableStatus"]?.string ?? ""
            var schema: [String: String] = [:]
            for element in table["KeySchema"]?.array ?? [] {
                if let attribute = element["AttributeName"]?.string { schema[attribute] = element["KeyType"]?.string ?? "" }
            }
            keySchema = schema
            billingMode = table["BillingModeSummary"]?["BillingMode"]?.string ?? "PROVISIONED"
            warmReadUnits = table["WarmThroughput"]?["ReadUnitsPerSecond"]?.int ?? 0
            warmWriteUnits = table["WarmThroughput"]?["WriteUnitsPerSecond"]?.int ?? 0
        }

        /// The partition key's attribute name.
        public var partitionKey: String? { keySchema.first { $0.value == "HASH" }?.key }
    }

    /// An on-demand table keyed by `partitionKey` (and `sortKey`); attribute types are `S`, `N` or `B`.
    /// `warmThroughput` pre-warms it for that many reads and writes per second.
    public func createTable(name: String, partitionKey: (name: String, type: String),
                            sortKey: (name: String, type: String)? = nil,
                            warmThroughput: (read: Int, write: Int)? = nil,
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
        if let warmThroughput { input["WarmThroughput"] = Self.warmThroughput(warmThroughput) }
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

    static func warmThroughput(_ units: (read: Int, write: Int)) -> JSONValue {
        ["ReadUnitsPerSecond": .number(Double(units.read)), "WriteUnitsPerSecond": .number(Double(units.write))]
    }
}
