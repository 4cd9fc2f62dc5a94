/// Internet gateways and their attachment to a VPC.
extension EC2 {
    public struct InternetGateway: Sendable, Equatable {
        public var internetGatewayId: String
        /// The VPCs it is attached to (at most one).
        public var attachedVpcIds: [String]
        public var tags: [String: String]

        init(_ element: XMLTree) {
            internetGatewayId = element.string("internetGatewayId") ?? ""
            attachedVpcIds = (element.child("attachmentSet")?.listItems() ?? []).compactMap { $0.string("vpcId") }
            tags = EC2.tags(element.child("tagSet"))
        }
    }

    public func createInternetGateway(tags: [String: String] = [:]) async throws -> InternetGateway {
        var parameters = QueryParameters()
        addTagSpecification(&parameters, resourceType: "internet-gateway", tags: tags)
        let response = try await client.ec2("CreateInternetGateway", parameters)
        return InternetGateway(response.child("internetGateway") ?? response)
    }

    public func describeInternetGateways(ids: [String] = [],
                                         filters: [(name: String, values: [String])] = []) async throws -> [InternetGateway] {
        try await describe("DescribeInternetGateways", setName: "internetGatewaySet", ids: ("InternetGatewayId", ids),
                           filters: filters).map(InternetGateway.init)
    }

    public func attachInternetGateway(id: String, vpcId: String) async throws {
        _ = try await client.ec2("AttachInternetGateway", ["InternetGatewayId": id, "VpcId": vpcId])
    }

    public func detachInternetGateway(id: String, vpcId: String) async throws {
        _ = try await client.ec2("DetachInternetGateway", ["InternetGatewayId": id, "VpcId": vpcId])
    }

    public func deleteInternetGateway(id: String) async throws {
        _ = try await client.ec2("DeleteInternetGateway", ["InternetGatewayId": id])
    }
}
