/// ECS task definitions. A definition is a JSON document whose shape tpsctl renders from a
/// template, so it travels as `JSONValue` rather than as a mirrored struct of ECS's 60 fields.
extension ECS {
    /// One registered revision and its tags (ECS returns tags only when asked with `TAGS`).
    public struct TaskDefinition: Sendable, Equatable {
        /// The document as ECS describes it (with ECS's defaults filled in).
        public var document: JSONValue
        public var tags: [String: String]

        public var arn: String { document["taskDefinitionArn"]?.string ?? "" }
        public var family: String { document["family"]?.string ?? "" }
        public var revision: Int { document["revision"]?.int ?? 0 }
        /// `ACTIVE`, `INACTIVE` or `DELETE_IN_PROGRESS`.
        public var status: String { document["status"]?.string ?? "" }
    }

    /// Registers a new revision of `definition["family"]`, tagged at registration.
    public func registerTaskDefinition(_ definition: JSONValue, tags: [String: String]) async throws -> TaskDefinition {
        var input = definition.object ?? [:]
        if !tags.isEmpty { input["tags"] = Self.tagList(tags) }
        let output = try await client.json(.ecs, "RegisterTaskDefinition", .object(input))
        return TaskDefinition(document: output["taskDefinition"] ?? [:], tags: tags)
    }

    /// A family's ACTIVE revision ARNs, newest first (`familyPrefix` matches the whole family name).
    public func activeRevisions(family: String) async throws -> [String] {
        var arns: [String] = []
        for try await page in client.jsonPages(.ecs, "ListTaskDefinitions", [
            "familyPrefix": .string(family), "status": "ACTIVE", "sort": "DESC",
        ], inputToken: "nextToken", outputToken: "nextToken") {
            arns += (page["taskDefinitionArns"]?.array ?? []).compactMap(\.string)
        }
        // Sorted here as well: not every endpoint honours `sort`.
        return arns.filter { Self.family(ofTaskDefinitionArn: $0) == family }
            .sorted { Self.revision(ofTaskDefinitionArn: $0) > Self.revision(ofTaskDefinitionArn: $1) }
    }

    /// Families whose name starts with `prefix` (ACTIVE ones and, on some endpoints, INACTIVE ones too).
    public func taskDefinitionFamilies(prefix: String) async throws -> [String] {
        var families: [String] = []
        for try await page in client.jsonPages(.ecs, "ListTaskDefinitionFamilies", [
            "familyPrefix": .string(prefix), "status": "ACTIVE",
        ], inputToken: "nextToken", outputToken: "nextToken") {
            families += (page["families"]?.array ?? []).compactMap(\.string)
        }
        return families.filter { $0.hasPrefix(prefix) }
    }

    /// One revision (by ARN or `family:revision`), with its tags unless `includeTags` is false.
    public func describeTaskDefinition(_ reference: String, includeTags: Bool = true) async throws -> TaskDefinition {
        var input: [String: JSONValue] = ["taskDefinition": .string(reference)]
        if includeTags { input["include"] = ["TAGS"] }
        let output = try await client.json(.ecs, "DescribeTaskDefinition", .object(input))
        return TaskDefinition(document: output["taskDefinition"] ?? [:],
                              tags: Self.parseTags(output["tags"]))
    }

    /// Marks a revision INACTIVE: running tasks keep it, nothing new can start from it.
    public func deregisterTaskDefinition(_ arn: String) async throws {
        _ = try await client.json(.ecs, "DeregisterTaskDefinition", ["taskDefinition": .string(arn)])
    }

    /// Deletes INACTIVE revisions (up to 10 per call), so nothing of the family stays listed.
    public func deleteTaskDefinitions(_ arns: [String]) async throws {
        for start in stride(from: 0, to: arns.count, by: 10) {
            let chunk = arns[start..<min(start + 10, arns.count)]
            _ = try await client.json(.ecs, "DeleteTaskDefinitions", [
                "taskDefinitions": .array(chunk.map { .string($0) }),
            ])
        }
    }

    /// `arn:…:task-definition/<family>:<revision>` → `<family>`.
    public static func family(ofTaskDefinitionArn arn: String) -> String {
        let name = arn.split(separator: "/").last.map(String.init) ?? arn
        return name.split(separator: ":").first.map(String.init) ?? name
    }

    /// `arn:…:task-definition/<family>:<revision>` → `<revision>` (0 when absent).
    public static func revision(ofTaskDefinitionArn arn: String) -> Int {
        arn.split(separator: ":").last.flatMap { Int($0) } ?? 0
    }

    /// ECS spells tags `[{"key": …, "value": …}]`.
    static func tagList(_ tags: [String: String]) -> JSONValue {
        .array(tags.keys.sorted().map { ["key": .string($0), "value": .string(tags[$0]!)] })
    }

    static func parseTags(_ value: JSONValue?) -> [String: String] {
        var tags: [String: String] = [:]
        for tag in value?.array ?? [] {
            if let key = tag["key"]?.string { tags[key] = tag["value"]?.string ?? "" }
        }
        return tags
    }
}
