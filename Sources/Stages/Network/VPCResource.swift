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

    func read(_ context: ResourceContext) async throws -> Live? {
        let found = try await EC2Tagging.find(client, "DescribeVpcs", setName: "vpcSet", context: context)
        guard let vpc = found.sorted(by: { ($0.string("vpcId") ?? "") < ($1.string("vpcId") ?? "") }).first,
            let id = vpc.string("vpcId")
        else { return nil }
        return Live(id: id, cidr: vpc.string("cidrBlock") ?? "", state: vpc.string("state") ?? "",
                    dnsSupport: try await attribute(id, "enableDnsSupport"),
                    dnsHostnames: try await attribute(id, "enableDnsHostnames"))
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("cidr", desired: cidr, live: live?.cidr, onChange: .replace)
        diff.compare("enableDnsSupport", desired: true, live: live?.dnsSupport)
        diff.compare("enableDnsHostnames", desired: true, live: live?.dnsHostnames)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        var parameters: QueryParameters = ["CidrBlock": cidr]
        EC2Tagging.specify(&parameters, resourceType: "vpc", tags: EC2Tagging.tags(context, name: name))
        let response = try await client.ec2("CreateVpc", parameters)
        let id = response.string("vpc", "vpcId") ?? ""
        var live = Live(id: id, cidr: cidr, state: response.string("vpc", "state") ?? "pending",
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
            let vpcs = try await EC2Tagging.describe(client, "DescribeVpcs", setName: "vpcSet", ["VpcId.1": live.id])
            let state = vpcs.first?.string("state") ?? "missing"
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
            _ = try await client.ec2("ModifyVpcAttribute", ["VpcId": live.id, "EnableDnsSupport.Value": "true"])
            live.dnsSupport = true
        }
        if !live.dnsHostnames {
            _ = try await client.ec2("ModifyVpcAttribute", ["VpcId": live.id, "EnableDnsHostnames.Value": "true"])
            live.dnsHostnames = true
        }
        return live
    }

    private func attribute(_ id: String, _ name: String) async throws -> Bool {
        let response = try await client.ec2("DescribeVpcAttribute", ["VpcId": id, "Attribute": name])
        let element = name.prefix(1).lowercased() + name.dropFirst()
        return response.string(element, "value") == "true"
    }
}

extension VPCResource: EC2TagListed {
    static let kind = "vpc"
    static let listing = EC2TagListing(describeAction: "DescribeVpcs", setName: "vpcSet", idField: "vpcId")

    static func delete(id: String, in client: AWSClient, context: ResourceContext) async throws {
        try await EC2TagListing.deleting { try await EC2(client: client).deleteVpc(id: id) }
    }
}
