extension EC2 {
    public func deleteVpcEndpoints(ids: [String]) async throws {
        var parameters = QueryParameters()
        parameters.addList("VpcEndpointId", ids, member: nil)
        _ = try await client.ec2("DeleteVpcEndpoints", parameters)
    }

    public func deleteNatGateway(id: String) async throws {
        _ = try await client.ec2("DeleteNatGateway", ["NatGatewayId": id])
    }

    public func releaseAddress(allocationId: String) async throws {
        _ = try await client.ec2("ReleaseAddress", ["AllocationId": allocationId])
    }

    public func disassociateRouteTable(associationId: String) async throws {
        _ = try await client.ec2("DisassociateRouteTable", ["AssociationId": associationId])
    }

    public func deleteRouteTable(id: String) async throws {
        _ = try await client.ec2("DeleteRouteTable", ["RouteTableId": id])
    }

    public func deleteSecurityGroup(id: String) async throws {
        _ = try await client.ec2("DeleteSecurityGroup", ["GroupId": id])
    }

    public func detachInternetGateway(id: String, vpcId: String) async throws {
        _ = try await client.ec2("DetachInternetGateway", ["InternetGatewayId": id, "VpcId": vpcId])
    }

    public func deleteInternetGateway(id: String) async throws {
        _ = try await client.ec2("DeleteInternetGateway", ["InternetGatewayId": id])
    }

    public func deleteSubnet(id: String) async throws {
        _ = try await client.ec2("DeleteSubnet", ["SubnetId": id])
    }
}
