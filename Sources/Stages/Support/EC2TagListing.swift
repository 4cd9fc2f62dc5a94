import AWSClient
import Provisioning

/// How the objects of one EC2 kind are found by the stack's tag: the Describe action, the set
/// its answer holds them in, and their id field. The network resources differ only in these.
struct EC2TagListing: Sendable {
    let describeAction: String
    let setName: String
    let idField: String
    /// Objects in these states are on their way out (deleted NAT gateways linger for an hour).
    var goneStates: Set<String> = ["deleted", "deleting", "failed"]

    /// Live objects tagged `tps:stack=<stack>`.
    func listTagged(stack: String, client: AWSClient) async throws -> [TaggedObject] {
        var parameters = QueryParameters()
        parameters.addFilters([("tag:\(ResourceTags.stackKey)", [stack])])
        let items = try await EC2Tagging.describe(client, describeAction, setName: setName, parameters)
        return items.compactMap { item in
            guard let id = item.string(idField) else { return nil }
            let state = item.string("state") ?? item.string("State") ?? ""
            guard !goneStates.contains(state.lowercased()) else { return nil }
            return TaggedObject(id: id, tags: EC2Tagging.tags(of: item))
        }
    }

    /// The object as Describe answers it (its attachments, associations), nil when gone.
    func describe(id: String, client: AWSClient) async throws -> XMLTree? {
        var parameters = QueryParameters()
        parameters.addFilters([(Self.filterName(idField), [id])])
        return try await EC2Tagging.describe(client, describeAction, setName: setName, parameters).first
    }

    /// Deletes one object: a missing one is not an error, and one a dependency still holds is
    /// tried again (what depends on it is being deleted at the same time).
    static func deleting(_ delete: () async throws -> Void) async throws {
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await delete() }
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

/// A network resource whose kind `EC2TagListing` finds.
protocol EC2TagListed: SingleKindResource where Scope == AWSClient {
    static var listing: EC2TagListing { get }
}

extension EC2TagListed {
    static func listTagged(stack: String, in client: AWSClient) async throws -> [TaggedObject] {
        try await listing.listTagged(stack: stack, client: client)
    }
}
