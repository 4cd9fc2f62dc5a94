import AWSClient
import Provisioning
import Stack

/// One task definition family (a service's or the load bot's). The live object is the latest
/// ACTIVE revision; a new revision is registered only when the rendered definition differs from
/// it once ECS's defaults are normalised away (see ``TaskDefinitionComparison``). Older revisions
/// stay ACTIVE so a circuit-breaker rollback can return to them; `down` deregisters and deletes all.
struct TaskDefinitionResource: Resource {
    struct Live: Sendable {
        var definition: ECS.TaskDefinition
    }

    let address: ResourceAddress
    let client: AWSClient
    let template: any TaskDefinitionTemplate

    var ecs: ECS { ECS(client: client) }
    var family: String { template.family }

    var dependencies: [ResourceAddress] { template.dependencies }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let latest = try await ecs.activeRevisions(family: family).first else { return nil }
        return Live(definition: try await ecs.describeTaskDefinition(latest))
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        TaskDefinitionComparison.compare(desired: try desired(context), live: live?.definition.document, into: &diff)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        try await register(context)
    }

    /// Any difference means a new revision: task definitions are immutable in ECS.
    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await register(context)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await Self.retire(family: family, ecs: ecs)
    }

    struct Outputs: PublishedOutputs {
        let arn, family, revision: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(arn: live.definition.arn, family: live.definition.family, revision: String(live.definition.revision))
    }

    /// The definition `up` registers, rendered from the template and the dependencies' outputs.
    func desired(_ context: ResourceContext) throws -> JSONValue {
        try template.desired(context)
    }

    private func register(_ context: ResourceContext) async throws -> Live {
        let definition = try desired(context)
        return Live(definition: try await ecs.registerTaskDefinition(definition, tags: context.tags))
    }

    /// Deregisters every ACTIVE revision of `family`, then deletes them, so nothing stays listed.
    static func retire(family: String, ecs: ECS) async throws {
        let arns = try await ecs.activeRevisions(family: family)
        for arn in arns {
            try await AWSErrorMatching.ignoringNotFound { try await ecs.deregisterTaskDefinition(arn) }
        }
        guard !arns.isEmpty else { return }
        try await ecs.deleteTaskDefinitions(arns)
    }
}

extension TaskDefinitionResource: SingleKindResource {
    static let kind = "task_definition"

    /// The stack's task definition families with an ACTIVE revision (the latest's tags confirm).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let ecs = ECS(client: scope.client)
        var found: [TaggedObject] = []
        for family in try await ecs.taskDefinitionFamilies(prefix: scope.namePrefix) {
            guard let latest = try await ecs.activeRevisions(family: family).first else { continue }
            let tags = try await ecs.describeTaskDefinition(latest).tags
            if tags[ResourceTags.stackKey] == stack { found.append(TaggedObject(id: family, tags: tags)) }
        }
        return found
    }

    /// Retires every revision of the family.
    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        try await retire(family: id, ecs: ECS(client: scope.client))
    }
}
