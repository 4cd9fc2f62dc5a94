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
        let found = try await EC2Tagging.find(client, "DescribeVpcEndpoints", setName: "vpcEndpointSet", context: context)
        let alive = found.filter { !["deleted", "deleting"].contains(($0.string("state") ?? "").lowercased()) }
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
        var parameters: QueryParameters = [
            "VpcId": try context.requireOutput(\.vpcId, of: vpc), "ServiceName": serviceName, "VpcEndpointType": type,
            "ClientToken": context.idempotencyToken(),
        ]
        switch attachment {
        case let .gateway(tables):
            parameters.addList("RouteTableId", try tables.map { try context.requireOutput(\.routeTableId, of: $0) }, member: nil)
        case let .interface(subnets, group):
            parameters.addList("SubnetId", try subnets.map { try context.requireOutput(\.subnetId, of: $0) }, member: nil)
            parameters.addList("SecurityGroupId", [try context.requireOutput(\.groupId, of: group)], member: nil)
            parameters.add("PrivateDnsEnabled", true)
        }
        EC2Tagging.specify(&parameters, resourceType: "vpc-endpoint", tags: EC2Tagging.tags(context, name: name))
        let response = try await client.ec2("CreateVpcEndpoint", parameters)
        return Self.live(response.child("vpcEndpoint") ?? response)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var parameters: QueryParameters = ["VpcEndpointId": live.id]
        var live = live
        switch attachment {
        case let .gateway(tables):
            let wanted = Set(try tables.map { try context.requireOutput(\.routeTableId, of: $0) })
            parameters.addList("AddRouteTableId", wanted.subtracting(live.routeTables).sorted(), member: nil)
            parameters.addList("RemoveRouteTableId", live.routeTables.subtracting(wanted).sorted(), member: nil)
            live.routeTables = wanted
        case let .interface(subnets, _):
            let wanted = Set(try subnets.map { try context.requireOutput(\.subnetId, of: $0) })
            parameters.addList("AddSubnetId", wanted.subtracting(live.subnets).sorted(), member: nil)
            parameters.addList("RemoveSubnetId", live.subnets.subtracting(wanted).sorted(), member: nil)
            live.subnets = wanted
        }
        _ = try await client.ec2("ModifyVpcEndpoint", parameters)
        return live
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            _ = try await client.ec2("DeleteVpcEndpoints", ["VpcEndpointId.1": live.id])
        }
    }

    func waitUntilGone(_ live: Live, context: ResourceContext) async throws {
        let _: Bool = try await context.wait(for: "VPC endpoint \(live.id) and its network interfaces deleted") {
            let found: [XMLTree]
            do {
                found = try await EC2Tagging.describe(client, "DescribeVpcEndpoints", setName: "vpcEndpointSet",
                                                      ["VpcEndpointId.1": live.id])
            } catch where AWSErrorMatching.isNotFound(error) {
                return .done(true)
            }
            guard let state = found.first?.string("state"), state.lowercased() != "deleted" else { return .done(true) }
            return .pending(state)
        }
    }

    struct Outputs: PublishedOutputs {
        let vpcEndpointId: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(vpcEndpointId: live.id)
    }

    private static func live(_ element: XMLTree) -> Live {
        Live(id: element.string("vpcEndpointId") ?? "", state: element.string("state") ?? "",
             serviceName: element.string("serviceName") ?? "", type: element.string("vpcEndpointType") ?? "",
             routeTables: Set((element.child("routeTableIdSet")?.listItems() ?? []).map(\.text)),
             subnets: Set((element.child("subnetIdSet")?.listItems() ?? []).map(\.text)))
    }
}

extension VPCEndpointResource: EC2TagListed {
    static let kind = "vpc_endpoint"
    static let listing = EC2TagListing(describeAction: "DescribeVpcEndpoints", setName: "vpcEndpointSet", idField: "vpcEndpointId")

    static func delete(id: String, in client: AWSClient, context: ResourceContext) async throws {
        try await EC2TagListing.deleting { try await EC2(client: client).deleteVpcEndpoints(ids: [id]) }
    }
}
