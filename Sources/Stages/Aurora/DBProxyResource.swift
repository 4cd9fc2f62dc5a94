import AWSClient
import Provisioning
import Stack

/// The optional RDS Proxy in front of the Aurora writer (`dataPlane.aurora.proxy`): engine
/// family POSTGRESQL, TLS required, in the private subnets behind the Aurora security group,
/// authenticating clients with the cluster's RDS-managed master secret (SCRAM; IAM auth
/// DISABLED because the services log in with the secret's password, as they do on the cluster).
/// Every setting replaces the proxy: tpsctl does not call ModifyDBProxy, and a recreated proxy's
/// new endpoint reaches the task definitions of stage 04 through its output.
struct DBProxyResource: Resource {
    typealias Live = RDS.DBProxy

    let address: ResourceAddress
    let client: AWSClient
    let proxyName: String
    let config: AuroraProxyConfig
    let role: Dependency<IAMRoleResource.Outputs>
    let cluster: Dependency<AuroraClusterResource.Outputs>
    let subnets: [Dependency<SubnetResource.Outputs>]
    let securityGroup: Dependency<SecurityGroupResource.Outputs>

    static let iamAuth = "DISABLED"
    var dependencies: [ResourceAddress] { [role.address, cluster.address, securityGroup.address] + subnets.map(\.address) }
    var rds: RDS { RDS(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let proxy = try await rds.describeDBProxy(name: proxyName), proxy.status != "deleting" else { return nil }
        return proxy
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("engineFamily", desired: "POSTGRESQL", live: live?.engineFamily, onChange: .replace)
        diff.compare("requireTLS", desired: true, live: live?.requireTLS, onChange: .replace)
        diff.compare("idleClientTimeout", desired: config.idleClientTimeoutSeconds, live: live?.idleClientTimeout,
                     onChange: .replace)
        diff.compare("role", desired: try context.output(\.roleArn, of: role), live: live?.roleArn, onChange: .replace)
        diff.compare("auth", desired: try context.output(\.masterUserSecretArn, of: cluster).map { "\($0) IAM \(Self.iamAuth)" },
                     live: live.map { $0.auth.map { "\($0.key) IAM \($0.value)" }.sorted().joined(separator: ", ") },
                     onChange: .replace)
        diff.compare("subnets", desired: Set(try subnets.map { try context.output(\.subnetId, of: $0) }),
                     live: live?.subnetIds, onChange: .replace)
        diff.compare("securityGroups", desired: Set([try context.output(\.groupId, of: securityGroup)]),
                     live: live?.securityGroupIds, onChange: .replace)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let spec = RDS.DBProxySpec(
            name: proxyName, roleArn: try context.requireOutput(\.roleArn, of: role),
            secretArn: try context.requireOutput(\.masterUserSecretArn, of: cluster), iamAuth: Self.iamAuth,
            subnetIds: try subnets.map { try context.requireOutput(\.subnetId, of: $0) },
            securityGroupIds: [try context.requireOutput(\.groupId, of: securityGroup)],
            idleClientTimeout: config.idleClientTimeoutSeconds)
        return try await creatingOnce(context, existsCodes: "DBProxyAlreadyExistsFault") {
            try await rds.createDBProxy(spec, tags: context.tags)
        }
    }

    /// Every compared field replaces: nothing to change in place.
    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live { live }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await rds.deleteDBProxy(name: proxyName) }
    }

    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        guard live.status != "available" else { return live }
        return try await context.wait(for: "RDS Proxy \(proxyName) available") {
            guard let current = try await rds.describeDBProxy(name: proxyName) else { return .failed("the proxy disappeared") }
            switch current.status {
            case "available": return .done(current)
            case "incompatible-network", "insufficient-resource-limits", "deleting": return .failed("status \(current.status)")
            default: return .pending(current.status)
            }
        }
    }

    func waitUntilGone(_ live: Live, context: ResourceContext) async throws {
        try await Self.waitUntilGone(name: proxyName, rds: rds, context: context)
    }

    static func waitUntilGone(name: String, rds: RDS, context: ResourceContext) async throws {
        let _: Bool = try await context.wait(for: "RDS Proxy \(name) deleted") {
            guard let current = try await rds.describeDBProxy(name: name) else { return .done(true) }
            return .pending(current.status)
        }
    }

    struct Outputs: PublishedOutputs {
        let proxyName, arn, endpoint: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(proxyName: live.name, arn: live.arn, endpoint: live.endpoint)
    }
}

extension DBProxyResource: SingleKindResource {
    static let kind = "rds_proxy"

    /// The stack's proxies (names start with the prefix; tags confirm).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let rds = RDS(client: scope.client)
        return try await TagConfirmation.confirmed(
            try await rds.describeDBProxies().filter { $0.name.hasPrefix(scope.namePrefix) && $0.status != "deleting" },
            stack: stack, id: \.name, tags: { try await rds.listTags(arn: $0.arn) })
    }

    /// Its target group and registrations go with it; waits until it is gone so the cluster's
    /// deletion that follows is not refused.
    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        let rds = RDS(client: scope.client)
        try await AWSErrorMatching.ignoringNotFound { try await rds.deleteDBProxy(name: id) }
        try await waitUntilGone(name: id, rds: rds, context: context)
    }
}
