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
    let vpc: ResourceAddress
    let cidr: String
    let zone: String
    let isPublic: Bool
    let name: String

    private var ec2: EC2 { EC2(client: client) }

    var dependencies: [ResourceAddress] { [vpc] }

    func read(_ context: ResourceContext) async throws -> Live? {
        let found = try await ec2.describeSubnets(filters: EC2Tagging.identityFilters(context.identity))
        guard let subnet = found.sorted(by: { $0.subnetId < $1.subnetId }).first else { return nil }
        return Live(id: subnet.subnetId, vpcId: subnet.vpcId, cidr: subnet.cidrBlock, zone: subnet.availabilityZone,
                    mapPublicIP: subnet.mapPublicIpOnLaunch)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("vpcId", desired: try context.output("vpcId", of: vpc), live: live?.vpcId, onChange: .replace)
        diff.compare("cidr", desired: cidr, live: live?.cidr, onChange: .replace)
        diff.compare("availabilityZone", desired: zone, live: live?.zone, onChange: .replace)
        diff.compare("mapPublicIpOnLaunch", desired: isPublic, live: live?.mapPublicIP)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let vpcId = try context.requireOutput("vpcId", of: vpc)
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
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await ec2.deleteSubnet(id: live.id) }
        }
    }

    func outputs(_ live: Live) -> ResourceOutputs {
        ResourceOutputs(["subnetId": live.id, "availabilityZone": live.zone, "cidr": live.cidr])
    }

    private func setPublicIP(_ live: Live) async throws -> Live {
        guard live.mapPublicIP != isPublic else { return live }
        try await ec2.modifySubnetAttribute(subnetId: live.id, mapPublicIpOnLaunch: isPublic)
        var live = live
        live.mapPublicIP = isPublic
        return live
    }
}
