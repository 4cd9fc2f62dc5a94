import AWSClient

/// Reads of stage 04-05 objects, straight from the emulator.
extension IndependentReads {
    /// A task definition family's ACTIVE revision ARNs, newest first.
    func activeRevisions(_ family: String) async throws -> [String] {
        let output = try await client.json(.ecs, "ListTaskDefinitions", [
            "familyPrefix": .string(family), "status": "ACTIVE", "sort": "DESC",
        ])
        return (output["taskDefinitionArns"]?.array ?? []).compactMap(\.string)
            .sorted { Int($0.split(separator: ":").last!)! > Int($1.split(separator: ":").last!)! }
    }

    func taskDefinition(_ arn: String) async throws -> JSONValue {
        try await client.json(.ecs, "DescribeTaskDefinition", ["taskDefinition": .string(arn)])["taskDefinition"] ?? [:]
    }
}
