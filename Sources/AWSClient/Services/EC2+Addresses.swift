/// Elastic IP addresses (a NAT gateway's public address).
extension EC2 {
    public struct Address: Sendable, Equatable {
        public var allocationId: String
        public var publicIp: String
        public var tags: [String: String]

        init(_ element: XMLTree) {
            allocationId = element.string("allocationId") ?? ""
            publicIp = element.string("publicIp") ?? ""
            tags = EC2.tags(element.child("tagSet"))
        }
    }

    /// An address for use in a VPC.
    public func allocateAddress(tags: [String: String] = [:]) async throws -> Address {
        var parameters: QueryParameters = ["Domain": "vpc"]
        addTagSpecification(&parameters, resourceType: "elastic-ip", tags: tags)
        return Address(try await client.ec2("AllocateAddress", parameters))
    }

    public func describeAddresses(allocationIds: [String] = [],
                                  filters: [(name: String, values: [String])] = []) async throws -> [Address] {
        try await describe("DescribeAddresses", setName: "addressesSet", ids: ("AllocationId", allocationIds),
                           filters: filters).map(Address.init)
    }

    public func releaseAddress(allocationId: String) async throws {
        _ = try await client.ec2("ReleaseAddress", ["AllocationId": allocationId])
    }
}
