/// NAT gateways: the private subnets' way out. Creation and deletion take minutes; a deleted
/// gateway stays listed (`deleted`) for about an hour.
extension EC2 {
    public struct NatGateway: Sendable, Equatable {
        public var natGatewayId: String
        /// `pending`, `available`, `failed`, `deleting`, `deleted`.
        public var state: String
        public var subnetId: String
        /// The Elastic IP's allocation id.
        public var allocationId: String
        public var tags: [String: String]

        init(_ element: XMLTree) {
            natGatewayId = element.string("natGatewayId") ?? ""
            state = element.string("state") ?? ""
            subnetId = element.string("subnetId") ?? ""
            allocationId = element.child("natGatewayAddressSet")?.listItems().first?.string("allocationId") ?? ""
            tags = EC2.tags(element.child("tagSet"))
        }
    }

    /// `clientToken` makes a retried create return the same gateway.
    public func createNatGateway(subnetId: String, allocationId: String, clientToken: String,
                                 tags: [String: String] = [:]) async throws -> NatGateway {
        var parameters: QueryParameters = ["SubnetId": subnetId, "AllocationId": allocationId, "ClientToken": clientToken]
        addTagSpecification(&parameters, resourceType: "natgateway", tags: tags)
        let response = try await client.ec2("CreateNatGateway", parameters)
        return NatGateway(response.child("natGateway") ?? response)
    }

    public func describeNatGateways(ids: [String] = [],
                                    filters: [(name: String, values: [String])] = []) async throws -> [NatGateway] {
        try await describe("DescribeNatGateways", setName: "natGatewaySet", ids: ("NatGatewayId", ids), filters: filters)
            .map(NatGateway.init)
    }

    public func deleteNatGateway(id: String) async throws {
        _ = try await client.ec2("DeleteNatGateway", ["NatGatewayId": id])
    }
}
