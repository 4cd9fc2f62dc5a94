import AWSClient
import Provisioning

/// Every EC2 object of one kind tagged `tps:stack=<stack>` in a region: how `diff` finds
/// orphans and how `down` sweeps and checks that nothing is left.
struct EC2TaggedFamily: ResourceFamily {
    let region: RegionName
    let stage: Stage
    let kind: String
    let client: AWSClient
    let describeAction: String
    let setName: String
    let idField: String
    /// Objects in these states are on their way out (deleted NAT gateways linger for an hour).
    var goneStates: Set<String> = ["deleted", "deleting", "failed"]
    let deleteObject: @Sendable (AWSClient, XMLTree?, String) async throws -> Void

    func listTagged(stack: String) async throws -> [TaggedResource] {
        var parameters = QueryParameters()
        parameters.addFilters([("tag:\(ResourceTags.stackKey)", [stack])])
        let items = try await EC2Tagging.describe(client, describeAction, setName: setName, parameters)
        return items.compactMap { item in
            guard let id = item.string(idField) else { return nil }
            let state = item.string("state") ?? item.string("State") ?? ""
            guard !goneStates.contains(state.lowercased()) else { return nil }
            return TaggedResource(id: id, region: region, kind: kind, tags: EC2Tagging.tags(of: item))
        }
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        var parameters = QueryParameters()
        parameters.addFilters([(Self.filterName(idField), [resource.id])])
        let item = try await EC2Tagging.describe(client, describeAction, setName: setName, parameters).first
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await deleteObject(client, item, resource.id) }
        }
    }

    /// `vpcId` → `vpc-id`: EC2's filter name for an id field.
    static func filterName(_ field: String) -> String {
        var out = ""
        for character in field {
            if character.isUppercase { out += "-" + character.lowercased() } else { out.append(character) }
        }
        return out
    }
}
