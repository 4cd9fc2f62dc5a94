import AWSClient
import Provisioning

/// Compares a rendered task definition with a described one, field by field, after removing
/// what ECS adds on its own (registration metadata, empty lists, defaults such as
/// `essential: true` or `hostPort` = `containerPort`). Without that normalisation every run
/// would see a difference and register a new revision (churn) for nothing.
enum TaskDefinitionComparison {
    /// Registration metadata: never part of what tpsctl asks for.
    static let metadataKeys: Set<String> = [
        "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt",
        "registeredBy", "deregisteredAt", "deleteRequestedAt", "tags",
    ]

    /// Container health check values ECS fills in when they are left out.
    static let healthCheckDefaults: [String: JSONValue] = ["interval": 30, "timeout": 5, "retries": 3, "startPeriod": 0]

    /// Field name → canonical JSON text, e.g. `cpu`, `container[public-api].environment`.
    static func fields(_ definition: JSONValue) -> [String: String] {
        var fields: [String: String] = [:]
        for (key, value) in definition.object ?? [:] where !metadataKeys.contains(key) && key != "containerDefinitions" {
            if let normalized = normalized(value, key: key) { fields[key] = ECRRepositoryResource.canonical(normalized) }
        }
        for container in definition["containerDefinitions"]?.array ?? [] {
            let name = container["name"]?.string ?? "?"
            for (key, value) in container.object ?? [:] where key != "name" {
                guard let normalized = normalizedContainerField(key, value) else { continue }
                // `secrets` holds only ARNs (valueFrom), but the state store refuses any value under a
                // secret-looking name unless the name says it is a reference: record it as such.
                let field = key == "secrets" ? "secretsByArn" : key
                fields["container[\(name)].\(field)"] = ECRRepositoryResource.canonical(normalized)
            }
        }
        return fields
    }

    /// Compares every field either side has; a field only one side has compares with `null`.
    static func compare(desired: JSONValue, live: JSONValue?, into diff: inout ResourceDiff) {
        let wanted = fields(desired)
        let have = live.map(fields) ?? [:]
        for field in Set(wanted.keys).union(have.keys).sorted() {
            let text = wanted[field] ?? "null"
            let value: FieldValue = text.contains(TaskDefinitionRenderer.unknownMarker) ? .knownAfterApply : .known(text)
            diff.compare(field, desired: value, live: have[field].map(FieldValue.known) ?? .known("null"))
        }
    }

    /// nil when the value is empty (`[]`, `{}`, `""`, null): ECS treats those as "not set".
    static func normalized(_ value: JSONValue, key: String) -> JSONValue? {
        if let object = value.object {
            var kept: [String: JSONValue] = [:]
            for (member, inner) in object { if let inner = normalized(inner, key: member) { kept[member] = inner } }
            return kept.isEmpty ? nil : .object(kept)
        }
        if let array = value.array {
            let kept = array.compactMap { normalized($0, key: key) }
            return kept.isEmpty ? nil : .array(kept)
        }
        if value.isNull || value.string == "" { return nil }
        return value
    }

    static func normalizedContainerField(_ key: String, _ value: JSONValue) -> JSONValue? {
        switch key {
        case "essential" where value.bool == true: return nil
        case "cpu" where value.int == 0: return nil
        case "environment", "secrets":
            // Order carries no meaning; ECS may answer in another order than it was given.
            let sorted = (value.array ?? []).sorted { ($0["name"]?.string ?? "") < ($1["name"]?.string ?? "") }
            return normalized(.array(sorted), key: key)
        case "portMappings":
            let mappings = (value.array ?? []).map { mapping -> JSONValue in
                var members = mapping.object ?? [:]
                if members["hostPort"] == members["containerPort"] { members["hostPort"] = nil }
                if members["protocol"]?.string == "tcp" { members["protocol"] = nil }
                return .object(members)
            }
            return normalized(.array(mappings), key: key)
        case "healthCheck":
            var members = value.object ?? [:]
            for (name, fallback) in healthCheckDefaults where members[name] == fallback { members[name] = nil }
            return normalized(.object(members), key: key)
        default:
            return normalized(value, key: key)
        }
    }
}
