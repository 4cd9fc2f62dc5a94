import AWSClient
import Provisioning

/// The region's VPC, with DNS support and DNS hostnames on (interface endpoints' private DNS
/// and the Aurora/ElastiCache endpoint names need both). Found by its `tps:*` tags.
struct VPCResource: Resource {
    struct Live: Sendable {
        var id: String
        var cidr: String
        var state: String
        var dnsSupport: Bool
        var dnsHostnames: Bool
    }

    let address: ResourceAddress
    let client: AWSClient
    let cidr: String
    let name: String

    private var ec2: EC2 { EC2(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        let found = try await ec2.describeVpcs(filters: EC2Tagging.identityFilters(context.identity))
        guard let vpc = found.sorted(by: { $0.vpcId < $1.vpcId }).first, !vpc.vpcId.isEmpty else { return nil }
        return Live(id: vpc.vpcId, cidr: vpc.cidrBlock, state: vpc.state,
                    dnsSupport: try await ec2.describeVpcAttribute(vpcId: vpc.vpcId, .enableDnsSupport),
                    dnsHostnames: try await ec2.describeVpcAttribute(vpcId: vpc.vpcId, .enableDnsHostnames))
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("cidr", desired: cidr, live: live?.cidr, onChange: .replace)
        diff.compare("enableDnsSupport", desired: true, live: live?.dnsSupport)
        diff.compare("enableDnsHostnames", desired: true, live: live?.dnsHostnames)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let vpc = try await ec2.createVpc(cidrBlock: cidr, tags: EC2Tagging.tags(context, name: name))
        var live = Live(id: vpc.vpcId, cidr: cidr, state: vpc.state.isEmpty ? "pending" : vpc.state,
                        dnsSupport: true, dnsHostnames: false)
        live = try await enableDNS(live)
        return live
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await enableDNS(live)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await Self.delete(id: live.id, in: client, context: context)
    }

    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        guard live.state != "available" else { return live }
        return try await context.wait(for: "VPC \(live.id) available") {
            let state = try await ec2.describeVpcs(ids: [live.id]).first?.state ?? "missing"
            var ready = live
            ready.state = state
            return state == "available" ? .done(ready) : .pending(state)
        }
    }

    struct Outputs: PublishedOutputs {
        let vpcId, cidr: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(vpcId: live.id, cidr: live.cidr)
    }

    /// DNS support must be on before hostnames can be (one attribute per call, in that order).
    private func enableDNS(_ live: Live) async throws -> Live {
        var live = live
        if !live.dnsSupport {
            try await ec2.modifyVpcAttribute(vpcId: live.id, .enableDnsSupport, value: true)
            live.dnsSupport = true
        }
        if !live.dnsHostnames {
            try await ec2.modifyVpcAttribute(vpcId: live.id, .enableDnsHostnames, value: true)
            live.dnsHostnames = true
        }
        return live
    }
}

extension VPCResource: EC2TagListed {
    static let kind = "vpc"
    static let listing = EC2TagListing(describeAction: "DescribeVpcs", setName: "vpcSet", idField: "vpcId")

    static func delete(id: String, in client: AWSClient, context: ResourceContext) async throws {
        try await EC2TagListing.deleting { try await EC2(client: client).deleteVpc(id: id) }
    }
}
