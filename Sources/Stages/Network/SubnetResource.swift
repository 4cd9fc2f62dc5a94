import AWSClient
import Provisioning

/// One public or private subnet in one AZ. Its CIDR comes from `SubnetLayout`, so it never
/// moves when AZs are added; a changed CIDR or AZ means a new subnet.
struct SubnetResource: Resource {
    struct Live: Sendable {
        var id: String
        var vpcId: String
        var cidr: String
        var zone: String
        var mapPublicIP: Bool
    }

    let address: ResourceAddress
    let client: AWSClient
    let vpc: Dependency<VPCResource.Outputs>
    let cidr: String
    let zone: String
    let isPublic: Bool
    let name: String

    private var ec2: EC2 { EC2(client: client) }
    var dependencies: [ResourceAddress] { [vpc.address] }

    func read(_ context: ResourceContext) async throws -> Live? {
        let found = try await ec2.describeSubnets(filters: EC2Tagging.identityFilters(context.identity))
        guard let subnet = found.sorted(by: { $0.subnetId < $1.subnetId }).first else { return nil }
        return Live(id: subnet.subnetId, vpcId: subnet.vpcId, cidr: subnet.cidrBlock, zone: subnet.availabilityZone,
                    mapPublicIP: subnet.mapPublicIpOnLaunch)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("vpcId", desired: try context.output(\.vpcId, of: vpc), live: live?.vpcId, onChange: .replace)
        diff.compare("cidr", desired: cidr, live: live?.cidr, onChange: .replace)
        diff.compare("availabilityZone", desired: zone, live: live?.zone, onChange: .replace)
        diff.compare("mapPublicIpOnLaunch", desired: isPublic, live: live?.mapPublicIP)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let vpcId = try context.requireOutput(\.vpcId, of: vpc)
        let subnet = try await ec2.createSubnet(vpcId: vpcId, cidrBlock: cidr, availabilityZone: zone,
                                                tags: EC2Tagging.tags(context, name: name))
        let live = Live(id: subnet.subnetId, vpcId: vpcId, cidr: cidr, zone: zone,
                        mapPublicIP: false)
        return try await setPublicIP(live)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await setPublicIP(live)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await Self.delete(id: live.id, in: client, context: context)
    }

    struct Outputs: PublishedOutputs {
        let subnetId, availabilityZone, cidr: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(subnetId: live.id, availabilityZone: live.zone, cidr: live.cidr)
    }

    private func setPublicIP(_ live: Live) async throws -> Live {
        guard live.mapPublicIP != isPublic else { return live }
        try await ec2.modifySubnetAttribute(subnetId: live.id, mapPublicIpOnLaunch: isPublic)
        var live = live
        live.mapPublicIP = isPublic
        return live
    }
}

extension SubnetResource: EC2TagListed {
    static let kind = "subnet"
    static let listing = EC2TagListing(describeAction: "DescribeSubnets", setName: "subnetSet", idField: "subnetId")

    static func delete(id: String, in client: AWSClient, context: ResourceContext) async throws {
        try await EC2TagListing.deleting { try await EC2(client: client).deleteSubnet(id: id) }
    }
}
