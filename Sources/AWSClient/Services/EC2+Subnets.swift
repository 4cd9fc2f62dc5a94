/// Subnets: one CIDR of the VPC in one availability zone.
extension EC2 {
    public struct Subnet: Sendable, Equatable {
        public var subnetId: String
        public var vpcId: String
        public var cidrBlock: String
        public var availabilityZone: String
        public var mapPublicIpOnLaunch: Bool
        public var tags: [String: String]

        init(_ element: XMLTree) {
            subnetId = element.string("subnetId") ?? ""
            vpcId = element.string("vpcId") ?? ""
            cidrBlock = element.string("cidrBlock") ?? ""
            availabilityZone = element.string("availabilityZone") ?? ""
            mapPublicIpOnLaunch = element.string("mapPublicIpOnLaunch") == "true"
            tags = EC2.tags(element.child("tagSet"))
        }
    }

    public func createSubnet(vpcId: String, cidrBlock: String, availabilityZone: String,
                             tags: [String: String] = [:]) async throws -> Subnet {
        var parameters: QueryParameters = ["VpcId": vpcId, "CidrBlock": cidrBlock, "AvailabilityZone": availabilityZone]
        addTagSpecification(&parameters, resourceType: "subnet", tags: tags)
        let response = try await client.ec2("CreateSubnet", parameters)
        return Subnet(response.child("subnet") ?? response)
    }

    public func describeSubnets(ids: [String] = [], filters: [(name: String, values: [String])] = []) async throws -> [Subnet] {
        try await describe("DescribeSubnets", setName: "subnetSet", ids: ("SubnetId", ids), filters: filters).map(Subnet.init)
    }

    /// Whether instances launched in the subnet get a public IP (a public subnet's NAT gateway needs none).
    public func modifySubnetAttribute(subnetId: String, mapPublicIpOnLaunch: Bool) async throws {
        _ = try await client.ec2("ModifySubnetAttribute", [
            "SubnetId": subnetId, "MapPublicIpOnLaunch.Value": mapPublicIpOnLaunch ? "true" : "false",
        ])
    }

    public func deleteSubnet(id: String) async throws {
        _ = try await client.ec2("DeleteSubnet", ["SubnetId": id])
    }
}
