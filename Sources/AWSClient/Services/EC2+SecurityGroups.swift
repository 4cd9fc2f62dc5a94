/// Security groups and their ingress rules (egress stays EC2's default allow-all).
extension EC2 {
    /// One rule: a protocol and port range from CIDRs, other groups or prefix lists.
    public struct IpPermission: Sendable, Equatable {
        /// `tcp`, `udp`, `icmp` or `-1` (all).
        public var ipProtocol: String
        /// nil for `-1`, which has no ports.
        public var fromPort: Int?
        public var toPort: Int?
        public var cidrs: [String]
        public var groupIds: [String]
        public var prefixListIds: [String]

        public init(ipProtocol: String, fromPort: Int?, toPort: Int?, cidrs: [String] = [], groupIds: [String] = [],
                    prefixListIds: [String] = []) {
            self.ipProtocol = ipProtocol
            self.fromPort = fromPort
            self.toPort = toPort
            self.cidrs = cidrs
            self.groupIds = groupIds
            self.prefixListIds = prefixListIds
        }

        init(_ element: XMLTree) {
            ipProtocol = element.string("ipProtocol") ?? ""
            fromPort = element.string("fromPort").flatMap { Int($0) }
            toPort = element.string("toPort").flatMap { Int($0) }
            cidrs = (element.child("ipRanges")?.listItems() ?? []).compactMap { $0.string("cidrIp") }
            groupIds = (element.child("groups")?.listItems() ?? []).compactMap { $0.string("groupId") }
            prefixListIds = (element.child("prefixListIds")?.listItems() ?? []).compactMap { $0.string("prefixListId") }
        }

        var parameters: QueryParameters {
            var item: QueryParameters = ["IpProtocol": ipProtocol]
            item.add("FromPort", fromPort)
            item.add("ToPort", toPort)
            item.addList("Groups", groupIds.map { ["GroupId": $0] }, member: nil)
            item.addList("PrefixListIds", prefixListIds.map { ["PrefixListId": $0] }, member: nil)
            item.addList("IpRanges", cidrs.map { ["CidrIp": $0] }, member: nil)
            return item
        }
    }

    public struct SecurityGroup: Sendable, Equatable {
        public var groupId: String
        public var groupName: String
        public var vpcId: String
        public var ingress: [IpPermission]
        public var tags: [String: String]

        init(_ element: XMLTree) {
            groupId = element.string("groupId") ?? ""
            groupName = element.string("groupName") ?? ""
            vpcId = element.string("vpcId") ?? ""
            ingress = (element.child("ipPermissions")?.listItems() ?? []).map(IpPermission.init)
            tags = EC2.tags(element.child("tagSet"))
        }
    }

    /// Returns the new group's id.
    public func createSecurityGroup(name: String, description: String, vpcId: String,
                                    tags: [String: String] = [:]) async throws -> String {
        var parameters: QueryParameters = ["GroupName": name, "GroupDescription": description, "VpcId": vpcId]
        addTagSpecification(&parameters, resourceType: "security-group", tags: tags)
        return try await client.ec2("CreateSecurityGroup", parameters).string("groupId") ?? ""
    }

    public func describeSecurityGroups(ids: [String] = [],
                                       filters: [(name: String, values: [String])] = []) async throws -> [SecurityGroup] {
        try await describe("DescribeSecurityGroups", setName: "securityGroupInfo", ids: ("GroupId", ids), filters: filters)
            .map(SecurityGroup.init)
    }

    public func authorizeSecurityGroupIngress(groupId: String, _ permissions: [IpPermission]) async throws {
        _ = try await client.ec2("AuthorizeSecurityGroupIngress", Self.ingress(groupId: groupId, permissions))
    }

    public func revokeSecurityGroupIngress(groupId: String, _ permissions: [IpPermission]) async throws {
        _ = try await client.ec2("RevokeSecurityGroupIngress", Self.ingress(groupId: groupId, permissions))
    }

    public func deleteSecurityGroup(id: String) async throws {
        _ = try await client.ec2("DeleteSecurityGroup", ["GroupId": id])
    }

    static func ingress(groupId: String, _ permissions: [IpPermission]) -> QueryParameters {
        var parameters: QueryParameters = ["GroupId": groupId]
        parameters.addList("IpPermissions", permissions.map(\.parameters), member: nil)
        return parameters
    }
}
