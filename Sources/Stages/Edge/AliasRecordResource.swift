import AWSClient
import Provisioning

/// An alias record in the stack's hosted zone: `origin-<region>.<domain>` → that region's ALB,
/// or `<domain>` → the distribution (A, and AAAA since the distribution serves IPv6). Found by
/// name and type; the zone is the user's, so tpsctl only ever touches these names.
struct AliasRecordResource: Resource {
    /// What the record points at: the outputs of a load balancer or of the distribution.
    enum Target: Sendable {
        case loadBalancer(Dependency<LoadBalancerResource.Outputs>)
        case distribution(Dependency<DistributionResource.Outputs>)

        var address: ResourceAddress {
            switch self {
            case let .loadBalancer(balancer): balancer.address
            case let .distribution(distribution): distribution.address
            }
        }
    }

    typealias Live = Route53.RecordSet

    let address: ResourceAddress
    let client: AWSClient
    let hostedZoneId: String
    let name: String
    let target: Target

    var route53: Route53 { Route53(client: client) }
    var dependencies: [ResourceAddress] { [target.address] }
    var types: [String] { if case .distribution = target { ["A", "AAAA"] } else { ["A"] } }

    func alias(_ context: ResourceContext) throws -> PlannedValue<Route53.RecordSet.Alias> {
        switch target {
        case let .loadBalancer(balancer):
            let dns = try context.output(\.dnsName, of: balancer), zone = try context.output(\.canonicalHostedZoneId, of: balancer)
            guard let dns = dns.value, let zone = zone.value else { return .knownAfterApply }
            return .known(.init(hostedZoneId: zone, dnsName: Route53.RecordSet.absolute(dns)))
        case let .distribution(distribution):
            return try context.output(\.domainName, of: distribution)
                .map { .init(hostedZoneId: Route53.cloudFrontHostedZoneId, dnsName: Route53.RecordSet.absolute($0)) }
        }
    }

    func read(_ context: ResourceContext) async throws -> Live? {
        try await route53.recordSet(zoneId: hostedZoneId, name: name, type: "A")
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("aliasTarget", desired: try alias(context).map { "\($0.hostedZoneId) \($0.dnsName)" },
                     live: live?.alias.map { "\($0.hostedZoneId) \($0.dnsName)" })
    }

    func create(_ context: ResourceContext) async throws -> Live {
        try await upsert(context)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await upsert(context)
    }

    /// Deletes exactly what is there (Route 53 deletes only a record set given as it is).
    func delete(_ live: Live, context: ResourceContext) async throws {
        var changes: [(action: String, record: Route53.RecordSet)] = [(action: "DELETE", record: live)]
        for type in types.dropFirst() {
            if let other = try await route53.recordSet(zoneId: hostedZoneId, name: name, type: type) {
                changes.append((action: "DELETE", record: other))
            }
        }
        try await AWSErrorMatching.ignoringNotFound {
            try await route53.change(zoneId: hostedZoneId, changes, comment: "tpsctl down")
        }
    }

    struct Outputs: PublishedOutputs {
        let name: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(name: live.name)
    }

    private func upsert(_ context: ResourceContext) async throws -> Live {
        guard let alias = try alias(context).value else {
            throw StageFailure("\(address): its target is not applied yet")
        }
        let records = types.map { Route53.RecordSet(name: name, type: $0, alias: alias) }
        try await route53.change(zoneId: hostedZoneId, records.map { (action: "UPSERT", record: $0) }, comment: "tpsctl up")
        return records[0]
    }
}
