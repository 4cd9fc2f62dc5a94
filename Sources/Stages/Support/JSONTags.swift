import AWSClient

/// Tags in the `[{"Key": …, "Value": …}]` form of the JSON APIs (ECR, DynamoDB), or with
/// lowercase `key`/`value` as ECS spells them.
enum JSONTags {
    static func list(_ tags: [String: String], keyName: String = "Key", valueName: String = "Value") -> JSONValue {
        .array(tags.keys.sorted().map { .object([keyName: .string($0), valueName: .string(tags[$0]!)]) })
    }

    static func parse(_ value: JSONValue?, keyName: String = "Key", valueName: String = "Value") -> [String: String] {
        var tags: [String: String] = [:]
        for tag in value?.array ?? [] {
            if let key = tag[keyName]?.string { tags[key] = tag[valueName]?.string ?? "" }
        }
        return tags
    }
}
