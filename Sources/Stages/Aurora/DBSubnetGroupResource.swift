import AWSClient
import Provisioning

/// The private subnets (one per AZ; RDS needs at least two AZs) Aurora places its instances in.
struct DBSubnetGroupResource: Resource {
    typealias Live = RDS.DBSubnetGroup

    let address: ResourceAddress
    let client: AWSClient
    let groupName: String
    let subnets: [Dependency<SubnetResource.Outputs>]

    var dependencies: [ResourceAddress] { subnets.map(\.address) }
    var rds: RDS { RDS(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        try await rds.describeDBSubnetGroup(name: groupName)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("subnets", desired: Set(try subnets.map { try context.output(\.subnetId, of: $0) }), live: live?.subnetIds)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        return try await creatingOnce(context, existsCodes: "DBSubnetGroupAlreadyExists", "DBSubnetGroupAlreadyExistsFault") {
            try await rds.createDBSubnetGroup(
                name: groupName, description: "Private subnets of \(context.stack) Aurora",
                subnetIds: try subnetIds(context), tags: context.tags)
        }
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await rds.modifyDBSubnetGroup(name: groupName, subnetIds: try subnetIds(context))
    }

    /// Refused while the cluster (even one still deleting) uses the group: retried.
    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await rds.deleteDBSubnetGroup(name: groupName) }
        }
    }

    struct Outputs: PublishedOutputs {
        let subnetGroupName, arn: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(subnetGroupName: live.name, arn: live.arn)
    }

    private func subnetIds(_ context: ResourceContext) throws -> [String] {
        try subnets.map { try context.requireOutput(\.subnetId, of: $0) }
    }
}

extension DBSubnetGroupResource: SingleKindResource {
    static let kind = "db_subnet_group"

    /// The stack's DB subnet groups (names start with the prefix; tags confirm).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let rds = RDS(client: scope.client)
        return try await TagConfirmation.confirmed(
            try await rds.describeDBSubnetGroups().filter { $0.name.hasPrefix(scope.namePrefix) }, stack: stack,
            id: \.name, tags: { try await rds.listTags(arn: $0.arn) })
    }

    /// Retried while a cluster still uses it.
    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await RDS(client: scope.client).deleteDBSubnetGroup(name: id) }
        }
    }
}
