import AWSClient
import Provisioning

/// A security group and its ingress rules (egress stays EC2's default allow-all). Rules from
/// other groups name them by address, so the group ids are resolved from their outputs.
struct SecurityGroupResource: Resource {
    /// Who may connect on `port` (TCP).
    struct Rule: Sendable, Hashable {
        enum Source: Sendable, Hashable {
            case cidr(String)
            case group(Dependency<SecurityGroupResource.Outputs>)
            /// Members of this same group (RDS Proxy reaching the writer it shares a group with).
            case itself
            /// An AWS-managed prefix list, by name (`com.amazonaws.global.cloudfront.origin-facing`):
            /// its id differs per region, so it is looked up (DescribeManagedPrefixLists) when applied.
            case prefixList(name: String)
        }

        var port: Int
        var source: Source
    }

    struct Live: Sendable {
        var id: String
        var vpcId: String
        var name: String
        /// `tcp/<port> from <cidr, group id or prefix list name>`.
        var ingress: Set<String>
    }

    let address: ResourceAddress
    let client: AWSClient
    let vpc: Dependency<VPCResource.Outputs>
    let groupName: String
    let summary: String
    let rules: [Rule]

    private var ec2: EC2 { EC2(client: client) }

    var dependencies: [ResourceAddress] {
        [vpc.address] + rules.compactMap { if case let .group(group) = $0.source { group.address } else { nil } }
    }

    func read(_ context: ResourceContext) async throws -> Live? {
        let found = try await ec2.describeSecurityGroups(filters: EC2Tagging.identityFilters(context.identity))
        guard let group = found.first, !group.groupId.isEmpty else { return nil }
        var ingress: Set<String> = []
        let prefixListNames = try await ManagedPrefixLists.names(client, ids: group.ingress.flatMap(\.prefixListIds))
        for permission in group.ingress {
            let rule = "\(permission.ipProtocol)/\(permission.fromPort.map(String.init) ?? "") from "
            for cidr in permission.cidrs { ingress.insert(rule + cidr) }
            for source in permission.groupIds { ingress.insert(rule + source) }
            for id in permission.prefixListIds { ingress.insert(rule + (prefixListNames[id] ?? id)) }
        }
        return Live(id: group.groupId, vpcId: group.vpcId, name: group.groupName, ingress: ingress)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("vpcId", desired: try context.output(\.vpcId, of: vpc), live: live?.vpcId, onChange: .replace)
        diff.compare("groupName", desired: groupName, live: live?.name, onChange: .replace)
        diff.compare("ingress", desired: Set(try desiredIngress(context, groupId: live?.id)), live: live?.ingress)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let vpcId = try context.requireOutput(\.vpcId, of: vpc)
        let groupId = try await ec2.createSecurityGroup(name: groupName, description: summary, vpcId: vpcId,
                                                        tags: EC2Tagging.tags(context, name: groupName))
        let live = Live(id: groupId, vpcId: vpcId, name: groupName, ingress: [])
        return try await converge(live, context: context)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await converge(live, context: context)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await Self.delete(id: live.id, in: client, context: context)
    }

    struct Outputs: PublishedOutputs {
        let groupId, groupName: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(groupId: live.id, groupName: live.name)
    }

    /// `groupId`: this group's own id, once it exists (for `.itself`).
    private func desiredIngress(_ context: ResourceContext, groupId: String?) throws -> [PlannedValue<String>] {
        try rules.map { rule in
            switch rule.source {
            case let .cidr(cidr): .known("tcp/\(rule.port) from \(cidr)")
            case let .group(group): try context.output(\.groupId, of: group).map { "tcp/\(rule.port) from \($0)" }
            case .itself: groupId.map { .known("tcp/\(rule.port) from \($0)") } ?? .knownAfterApply
            case let .prefixList(name): .known("tcp/\(rule.port) from \(name)")
            }
        }
    }

    /// Authorizes the missing rules and revokes the extra ones, one call each way.
    private func converge(_ live: Live, context: ResourceContext) async throws -> Live {
        let desired = Set(try desiredIngress(context, groupId: live.id).compactMap(\.value))
        let missing = desired.subtracting(live.ingress).sorted()
        let extra = live.ingress.subtracting(desired).sorted()
        let named = (missing + extra).map { String($0.split(separator: " ")[2]) }.filter(ManagedPrefixLists.isName)
        let ids = try await ManagedPrefixLists.ids(client, names: Set(named))
        if !missing.isEmpty {
            try await ec2.authorizeSecurityGroupIngress(groupId: live.id, permissions(missing, prefixLists: ids))
        }
        if !extra.isEmpty {
            try await ec2.revokeSecurityGroupIngress(groupId: live.id, permissions(extra, prefixLists: ids))
        }
        var live = live
        live.ingress = desired
        return live
    }

    /// The rules (`tcp/<port> from <source>`) as EC2 permissions; `prefixLists`: the ids of the
    /// prefix lists the rules name.
    private func permissions(_ rules: [String], prefixLists: [String: String]) -> [EC2.IpPermission] {
        rules.map { rule in
            let parts = rule.split(separator: " ")
            let protoPort = parts[0].split(separator: "/", omittingEmptySubsequences: false)
            let port = Int(protoPort[1])
            let source = String(parts[2])
            var permission = EC2.IpPermission(ipProtocol: String(protoPort[0]), fromPort: port, toPort: port)
            if source.hasPrefix("sg-") {
                permission.groupIds = [source]
            } else if let id = prefixLists[source] {
                permission.prefixListIds = [id]
            } else {
                permission.cidrs = [source]
            }
            return permission
        }
    }
}

extension SecurityGroupResource: EC2TagListed {
    static let kind = "security_group"
    static let listing = EC2TagListing(describeAction: "DescribeSecurityGroups", setName: "securityGroupInfo", idField: "groupId")

    static func delete(id: String, in client: AWSClient, context: ResourceContext) async throws {
        try await EC2TagListing.deleting { try await EC2(client: client).deleteSecurityGroup(id: id) }
    }
}
