import AWSClient
import Provisioning
import Stack

/// The region's internet-facing application load balancer, in the public subnets behind the
/// ALB security group. Scheme and type cannot change in place (replacement); subnets,
/// security groups, the idle timeout and the access logs (`access_logs.s3.*`, into the region's
/// ``AccessLogBucketResource``) can. For a local stack it also shows `url`: where
/// `tpsctl local-dataplane` serves its HTTP listener (an address derived from the ARN).
struct LoadBalancerResource: Resource {
    struct Live: Sendable {
        var balancer: ElasticLoadBalancingV2.LoadBalancer
        var idleTimeoutSeconds: Int?
        /// `access_logs.s3.enabled`, `.bucket`, `.prefix` as ELB answers them.
        var accessLogs: AccessLogAttributes
    }

    /// The three access-log attributes, as ELB spells them.
    struct AccessLogAttributes: Sendable, Equatable {
        var enabled: Bool
        var bucket: String
        var prefix: String

        static let off = AccessLogAttributes(enabled: false, bucket: "", prefix: "")

        init(enabled: Bool, bucket: String, prefix: String) {
            self.enabled = enabled
            self.bucket = bucket
            self.prefix = prefix
        }

        init(_ attributes: [String: String]) {
            self.init(enabled: attributes["access_logs.s3.enabled"] == "true", bucket: attributes["access_logs.s3.bucket"] ?? "",
                      prefix: attributes["access_logs.s3.prefix"] ?? "")
        }

        /// Disabled, the bucket and prefix are left as they are (ELB keeps them and ignores them).
        var attributes: [String: String] {
            enabled ? ["access_logs.s3.enabled": "true", "access_logs.s3.bucket": bucket, "access_logs.s3.prefix": prefix]
                : ["access_logs.s3.enabled": "false"]
        }
    }

    static let scheme = "internet-facing"

    let address: ResourceAddress
    let client: AWSClient
    let name: String
    let subnets: [Dependency<SubnetResource.Outputs>]
    let securityGroup: Dependency<SecurityGroupResource.Outputs>
    let idleTimeoutSeconds: Int
    /// `alb.accessLogs`: the region's log bucket; nil: access logs off.
    var accessLogBucket: Dependency<AccessLogBucketResource.Outputs>? = nil
    /// The stack has a `local` section, so the local data plane serves this load balancer.
    let servedLocally: Bool
    /// The HTTP listener's port (the `url` output's).
    static let httpPort = 80

    var elb: ElasticLoadBalancingV2 { ElasticLoadBalancingV2(client: client) }
    var dependencies: [ResourceAddress] {
        subnets.map(\.address) + [securityGroup.address] + (accessLogBucket.map { [$0.address] } ?? [])
    }

    /// The access-log attributes wanted: the bucket's name and prefix as it publishes them.
    func desiredAccessLogs(_ context: ResourceContext) throws -> (bucket: PlannedValue<String>, prefix: PlannedValue<String>)? {
        guard let accessLogBucket else { return nil }
        return (try context.output(\.bucket, of: accessLogBucket), try context.output(\.prefix, of: accessLogBucket))
    }

    func requiredAccessLogs(_ context: ResourceContext) throws -> AccessLogAttributes {
        guard let accessLogBucket else { return .off }
        return AccessLogAttributes(enabled: true, bucket: try context.requireOutput(\.bucket, of: accessLogBucket),
                                   prefix: try context.requireOutput(\.prefix, of: accessLogBucket))
    }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let balancer = try await elb.loadBalancer(named: name) else { return nil }
        let attributes = try await elb.loadBalancerAttributes(balancer.arn)
        return Live(balancer: balancer, idleTimeoutSeconds: attributes["idle_timeout.timeout_seconds"].flatMap { Int($0) },
                    accessLogs: AccessLogAttributes(attributes))
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("scheme", desired: Self.scheme, live: live?.balancer.scheme, onChange: .replace)
        diff.compare("type", desired: "application", live: live?.balancer.type, onChange: .replace)
        diff.compare("subnets", desired: Set(try subnets.map { try context.output(\.subnetId, of: $0) }),
                     live: live?.balancer.subnets)
        diff.compare("securityGroups", desired: Set([try context.output(\.groupId, of: securityGroup)]),
                     live: live?.balancer.securityGroups)
        diff.compare("idleTimeoutSeconds", desired: idleTimeoutSeconds, live: live?.idleTimeoutSeconds)
        let accessLogs = try desiredAccessLogs(context)
        diff.compare("accessLogs.enabled", desired: accessLogs != nil, live: live?.accessLogs.enabled)
        if let accessLogs {
            diff.compare("accessLogs.bucket", desired: accessLogs.bucket.fieldValue, live: live?.accessLogs.bucket)
            diff.compare("accessLogs.prefix", desired: accessLogs.prefix.fieldValue, live: live?.accessLogs.prefix)
        }
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let balancer = try await elb.createApplicationLoadBalancer(
            name: name, subnets: try subnets.map { try context.requireOutput(\.subnetId, of: $0) },
            securityGroups: [try context.requireOutput(\.groupId, of: securityGroup)], scheme: Self.scheme,
            tags: context.tags)
        let accessLogs = try requiredAccessLogs(context)
        try await elb.modifyLoadBalancerAttributes(
            balancer.arn, accessLogs.attributes.merging(["idle_timeout.timeout_seconds": String(idleTimeoutSeconds)]) { $1 })
        return Live(balancer: balancer, idleTimeoutSeconds: idleTimeoutSeconds, accessLogs: accessLogs)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var live = live
        let fields = Set(changes.map(\.field))
        if fields.contains("subnets") {
            let ids = try subnets.map { try context.requireOutput(\.subnetId, of: $0) }
            try await elb.setSubnets(live.balancer.arn, ids)
            live.balancer.subnets = Set(ids)
        }
        if fields.contains("securityGroups") {
            let group = try context.requireOutput(\.groupId, of: securityGroup)
            try await elb.setSecurityGroups(live.balancer.arn, [group])
            live.balancer.securityGroups = [group]
        }
        if fields.contains("idleTimeoutSeconds") {
            try await elb.modifyLoadBalancerAttributes(live.balancer.arn, ["idle_timeout.timeout_seconds": String(idleTimeoutSeconds)])
            live.idleTimeoutSeconds = idleTimeoutSeconds
        }
        if fields.contains(where: { $0.hasPrefix("accessLogs.") }) {
            let accessLogs = try requiredAccessLogs(context)
            try await elb.modifyLoadBalancerAttributes(live.balancer.arn, accessLogs.attributes)
            live.accessLogs = accessLogs
        }
        return live
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await elb.deleteLoadBalancer(live.balancer.arn) }
    }

    /// A new load balancer is `provisioning` for a few minutes; targets register only once it is `active`.
    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        guard live.balancer.state != "active" else { return live }
        let elb = elb, name = name
        let balancer: ElasticLoadBalancingV2.LoadBalancer = try await context.wait(for: "load balancer \(name) to be active") {
            () async throws -> WaitStatus<ElasticLoadBalancingV2.LoadBalancer> in
            guard let balancer = try await elb.loadBalancer(named: name) else { return .failed("it disappeared") }
            switch balancer.state {
            case "active": return .done(balancer)
            case "failed": return .failed("state failed")
            default: return .pending(balancer.state)
            }
        }
        return Live(balancer: balancer, idleTimeoutSeconds: live.idleTimeoutSeconds, accessLogs: live.accessLogs)
    }

    /// Its network interfaces must be gone before the subnets and security group can go.
    func waitUntilGone(_ live: Live, context: ResourceContext) async throws {
        let elb = elb, name = name
        try await context.wait(for: "load balancer \(name) to be deleted") {
            () async throws -> WaitStatus<Void> in
            try await elb.loadBalancer(named: name) == nil ? .done(()) : .pending("deleting")
        }
    }

    struct Outputs: PublishedOutputs {
        let arn: String
        let dnsName: String
        let arnSuffix: String
        let securityGroupId: String
        let canonicalHostedZoneId: String
        /// Only on the local data plane, where the ALB listens on a loopback port.
        let url: String?
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(
            arn: live.balancer.arn, dnsName: live.balancer.dnsName, arnSuffix: live.balancer.arnSuffix,
            securityGroupId: live.balancer.securityGroups.sorted().first ?? "",
            canonicalHostedZoneId: live.balancer.canonicalHostedZoneId,
            url: servedLocally ? LocalLoadBalancerAddress(loadBalancerArn: live.balancer.arn).url(port: Self.httpPort) : nil)
    }
}

extension LoadBalancerResource: SingleKindResource {
    static let kind = "load_balancer"

    /// The stack's load balancers (see `ELBTagListing`).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let elb = ElasticLoadBalancingV2(client: scope.client)
        return try await ELBTagListing.tagged(
            try await elb.describeLoadBalancers().map { ($0.name, $0.arn) }, stack: stack, namePrefix: scope.namePrefix, elb: elb)
    }

    /// Its listeners and rules go with it.
    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await ElasticLoadBalancingV2(client: scope.client).deleteLoadBalancer(id) }
    }
}
