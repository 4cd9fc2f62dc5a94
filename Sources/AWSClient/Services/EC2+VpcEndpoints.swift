/// VPC endpoints: gateway endpoints (S3, DynamoDB) in route tables, interface endpoints with
/// network interfaces in subnets.
extension EC2 {
    public struct VpcEndpoint: Sendable, Equatable {
        public var vpcEndpointId: String
        /// `pending`, `available`, `deleting`, `deleted`, … (EC2 answers some capitalised).
        public var state: String
        public var serviceName: String
        /// `Gateway` or `Interface`.
        public var vpcEndpointType: String
        public var routeTableIds: [String]
        public var subnetIds: [String]
        public var tags: [String: String]

        init(_ element: XMLTree) {
            vpcEndpointId = element.string("vpcEndpointId") ?? ""
            state = element.string("state") ?? ""
            serviceName = element.string("serviceName") ?? ""
            vpcEndpointType = element.string("vpcEndpointType") ?? ""
            routeTableIds = (element.child("routeTableIdSet")?.listItems() ?? []).map(\.text)
            subnetIds = (element.child("subnetIdSet")?.listItems() ?? []).map(\.text)
            tags = EC2.tags(element.child("tagSet"))
        }
    }

    /// Where an endpoint sits.
    public enum VpcEndpointPlacement: Sendable, Equatable {
        case gateway(routeTableIds: [String])
        case interface(subnetIds: [String], securityGroupIds: [String], privateDnsEnabled: Bool)

        /// `Gateway` or `Interface`.
        public var type: String {
            if case .gateway = self { return "Gateway" }
            return "Interface"
        }
    }

    /// `clientToken` makes a retried create return the same endpoint.
    public func createVpcEndpoint(vpcId: String, serviceName: String, placement: VpcEndpointPlacement, clientToken: String,
                                  tags: [String: String] = [:]) async throws -> VpcEndpoint {
        var parameters: QueryParameters = [
            "VpcId": vpcId, "ServiceName": serviceName, "VpcEndpointType": placement.type, "ClientToken": clientToken,
        ]
        switch placement {
        case let .gateway(routeTableIds):
            parameters.addList("RouteTableId", routeTableIds, member: nil)
        case let .interface(subnetIds, securityGroupIds, privateDnsEnabled):
            parameters.addList("SubnetId", subnetIds, member: nil)
            parameters.addList("SecurityGroupId", securityGroupIds, member: nil)
            parameters.add("PrivateDnsEnabled", privateDnsEnabled)
        }
        addTagSpecification(&parameters, resourceType: "vpc-endpoint", tags: tags)
        let response = try await client.ec2("CreateVpcEndpoint", parameters)
        return VpcEndpoint(response.child("vpcEndpoint") ?? response)
    }

    public func describeVpcEndpoints(ids: [String] = [],
                                     filters: [(name: String, values: [String])] = []) async throws -> [VpcEndpoint] {
        try await describe("DescribeVpcEndpoints", setName: "vpcEndpointSet", ids: ("VpcEndpointId", ids), filters: filters)
            .map(VpcEndpoint.init)
    }

    /// Adds and removes route tables (a gateway endpoint) or subnets (an interface endpoint).
    public func modifyVpcEndpoint(id: String, addRouteTableIds: [String] = [], removeRouteTableIds: [String] = [],
                                  addSubnetIds: [String] = [], removeSubnetIds: [String] = []) async throws {
        var parameters: QueryParameters = ["VpcEndpointId": id]
        parameters.addList("AddRouteTableId", addRouteTableIds, member: nil)
        parameters.addList("RemoveRouteTableId", removeRouteTableIds, member: nil)
        parameters.addList("AddSubnetId", addSubnetIds, member: nil)
        parameters.addList("RemoveSubnetId", removeSubnetIds, member: nil)
        _ = try await client.ec2("ModifyVpcEndpoint", parameters)
    }

    public func deleteVpcEndpoints(ids: [String]) async throws {
        var parameters = QueryParameters()
        parameters.addList("VpcEndpointId", ids, member: nil)
        _ = try await client.ec2("DeleteVpcEndpoints", parameters)
    }
}
