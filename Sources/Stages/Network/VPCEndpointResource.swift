import AWSClient
import Provisioning

/// A VPC endpoint: a gateway endpoint (S3, DynamoDB) attached to route tables, or an
/// interface endpoint (ECR, logs, SQS, Secrets Manager) with ENIs in the private subnets and
/// private DNS, so image pulls and API calls stay off the NAT gateways. Deletion waits until
/// the endpoint (and its ENIs) is gone, so the subnets and security group can go next.
struct VPCEndpointResource: Resource {
    enum Attachment: Sendable {
        case gateway(routeTables: [Dependency<RouteTableResource.Outputs>])
        case interface(subnets: [Dependency<SubnetResource.Outputs>], securityGroup: Dependency<SecurityGroupResource.Outputs>)
    }

    struct Live: Sendable {
        var id: String
        var state: String
        var serviceName: String
        var type: String
        var routeTables: Set<String>
        var subnets: Set<String>
    }

    let address: ResourceAddress
    let client: AWSClient
    let vpc: Dependency<VPCResource.Outputs>
    let serviceName: String
    let attachment: Attachment
    let name: String

    private var ec2: EC2 { EC2(client: client) }

    var type: String {
        if case .gateway = attachment { return "Gateway" }
        return "Interface"
    }

    var dependencies: [ResourceAddress] {
        switch attachment {
        case let .gateway(tables): [vpc.address] + tables.map(\.address)
        case let .interface(subnets, group): [vpc.address, group.address] + subnets.map(\.address)
        }
    }

    func read(_ context: ResourceContext) async throws -> Live? {
        let found = try await ec2.describeVpcEndpoints(filters: EC2Tagging.identityFilters(context.identity))
        let alive = found.filter { !["deleted", "deleting"].contains($0.state.lowercased()) }
        return alive.first.map(Self.live)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("serviceName", desired: serviceName, live: live?.serviceName, onChange: .replace)
        diff.compare("type", desired: type, live: live?.type, onChange: .replace)
        switch attachment {
        case let .gateway(tables):
            diff.compare("routeTables", desired: Set(try tables.map { try context.output(\.routeTableId, of: $0) }),
                         live: live?.routeTables)
        case let .interface(subnets, _):
            diff.compare("subnets", desired: Set(try subnets.map { try context.output(\.subnetId, of: $0) }),
                         live: live?.subnets)
        }
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let vpcId = try context.requireOutput(\.vpcId, of: vpc)
        let placement: EC2.VpcEndpointPlacement
        switch attachment {
        case let .gateway(tables):
            placement = .gateway(routeTableIds: try tables.map { try context.requireOutput(\.routeTableId, of: $0) })
        case let .interface(subnets, group):
            placement = .interface(subnetIds: try subnets.map { try context.requireOutput(\.subnetId, of: $0) },
                                   securityGroupIds: [try context.requireOutput(\.groupId, of: group)],
                                   privateDnsEnabled: true)
        }
        let endpoint = try await ec2.createVpcEndpoint(vpcId: vpcId, serviceName: serviceName, placement: placement,
                                                       clientToken: context.idempotencyToken(),
                                                       tags: EC2Tagging.tags(context, name: name))
        return Self.live(endpoint)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var live = live
        switch attachment {
        case let .gateway(tables):
            let wanted = Set(try tables.map { try context.requireOutput(\.routeTableId, of: $0) })
            try await ec2.modifyVpcEndpoint(id: live.id, addRouteTableIds: wanted.subtracting(live.routeTables).sorted(),
                                            removeRouteTableIds: live.routeTables.subtracting(wanted).sorted())
            live.routeTables = wanted
        case let .interface(subnets, _):
            let wanted = Set(try subnets.map { try context.requireOutput(\.subnetId, of: $0) })
            try await ec2.modifyVpcEndpoint(id: live.id, addSubnetIds: wanted.subtracting(live.subnets).sorted(),
                                            removeSubnetIds: live.subnets.subtracting(wanted).sorted())
            live.subnets = wanted
        }
        return live
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            try await ec2.deleteVpcEndpoints(ids: [live.id])
        }
    }

    func waitUntilGone(_ live: Live, context: ResourceContext) async throws {
        let _: Bool = try await context.wait(for: "VPC endpoint \(live.id) and its network interfaces deleted") {
            let found: [EC2.VpcEndpoint]
            do {
                found = try await ec2.describeVpcEndpoints(ids: [live.id])
            } catch where AWSErrorMatching.isNotFound(error) {
                return .done(true)
            }
            guard let state = found.first?.state, state.lowercased() != "deleted" else { return .done(true) }
            return .pending(state)
        }
    }

    struct Outputs: PublishedOutputs {
        let vpcEndpointId: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(vpcEndpointId: live.id)
    }

    private static func live(_ endpoint: EC2.VpcEndpoint) -> Live {
        Live(id: endpoint.vpcEndpointId, state: endpoint.state, serviceName: endpoint.serviceName,
             type: endpoint.vpcEndpointType, routeTables: Set(endpoint.routeTableIds), subnets: Set(endpoint.subnetIds))
    }
}

extension VPCEndpointResource: EC2TagListed {
    static let kind = "vpc_endpoint"
    static let listing = EC2TagListing(describeAction: "DescribeVpcEndpoints", setName: "vpcEndpointSet", idField: "vpcEndpointId")

    static func delete(id: String, in client: AWSClient, context: ResourceContext) async throws {
        try await EC2TagListing.deleting { try await EC2(client: client).deleteVpcEndpoints(ids: [id]) }
    }
}
