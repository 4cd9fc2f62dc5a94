import AWSClient
import Stack

/// The latest ACTIVE revision of a service's task definition family in one region: what its
/// ECS service runs, or would run after `up` re-registers nothing. Verify reads it, never the
/// template, so it checks what AWS really holds.
struct DeployedTaskDefinition: Sendable {
    let service: ServiceName
    let document: JSONValue

    var reference: String {
        "\(document["family"]?.string ?? service.rawValue):\(document["revision"]?.int ?? 0)"
    }

    var executionRoleArn: String? { document["executionRoleArn"]?.string }
    var taskRoleArn: String? { document["taskRoleArn"]?.string }

    var containers: [JSONValue] { document["containerDefinitions"]?.array ?? [] }

    /// Every image, as pinned (`host/repository@sha256:…`).
    var images: [String] { containers.compactMap { $0["image"]?.string } }

    /// Every secret's `valueFrom` (an ARN, possibly with `:json-key:version-stage:version-id`).
    var secretReferences: [String] {
        containers.flatMap { ($0["secrets"]?.array ?? []).compactMap { $0["valueFrom"]?.string } }
    }

    var containerPorts: [Int] {
        containers.flatMap { ($0["portMappings"]?.array ?? []).compactMap { $0["containerPort"]?.int } }
    }

    /// None when the family has no ACTIVE revision (nothing deployed yet: nothing to verify).
    static func latest(_ service: ServiceName, stack: Stack, region: AWSRegion, ecs: ECS) async throws -> DeployedTaskDefinition? {
        let family = TaskDefinitionRenderer.family(stack: stack, region: region, service: service)
        guard let arn = try await ecs.activeRevisions(family: family).first else { return nil }
        return DeployedTaskDefinition(service: service, document: try await ecs.describeTaskDefinition(arn).document)
    }
}
