import AWSClient
import Provisioning

/// The private subnets ElastiCache may place Redis nodes in.
struct CacheSubnetGroupResource: Resource {
    struct Live: Sendable {
        var name: String
        var subnets: Set<String>
    }

    let address: ResourceAddress
    let client: AWSClient
    let groupName: String
    let subnets: [ResourceAddress]

    var dependencies: [ResourceAddress] { subnets }

    func read(_ context: ResourceContext) async throws -> Live? {
        let result: XMLTree
        do {
            result = try await client.query(.elastiCache, "DescribeCacheSubnetGroups", ["CacheSubnetGroupName": groupName])
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
        guard let group = result.child("CacheSubnetGroups")?.listItems().first else { return nil }
        let ids = (group.child("Subnets")?.listItems() ?? []).compactMap { $0.string("SubnetIdentifier") }
        return Live(name: groupName, subnets: Set(ids))
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("subnets", desired: Set(try subnets.map { try context.output("subnetId", of: $0) }), live: live?.subnets)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        var parameters = try parameters(context)
        parameters.addTags(context.tags, name: "Tags", member: "Tag")
        _ = try await client.query(.elastiCache, "CreateCacheSubnetGroup", parameters)
        return Live(name: groupName, subnets: Set(try subnets.map { try context.requireOutput("subnetId", of: $0) }))
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        _ = try await client.query(.elastiCache, "ModifyCacheSubnetGroup", try parameters(context))
        return Live(name: groupName, subnets: Set(try subnets.map { try context.requireOutput("subnetId", of: $0) }))
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound {
                _ = try await client.query(.elastiCache, "DeleteCacheSubnetGroup", ["CacheSubnetGroupName": groupName])
            }
        }
    }

    func outputs(_ live: Live) -> ResourceOutputs {
        ResourceOutputs(["subnetGroupName": live.name])
    }

    private func parameters(_ context: ResourceContext) throws -> QueryParameters {
        var parameters: QueryParameters = [
            "CacheSubnetGroupName": groupName, "CacheSubnetGroupDescription": "Private subnets of \(context.stack) Redis",
        ]
        parameters.addList("SubnetIds", try subnets.map { try context.requireOutput("subnetId", of: $0) },
                           member: "SubnetIdentifier")
        return parameters
    }
}
