/// Amazon EC2 (EC2 Query protocol): VPCs; subnets, gateways, routes, security groups and
/// endpoints in their own files. Creates tag at creation (TagSpecifications), so what a crash
/// leaves behind is still findable by its tags.
public struct EC2: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct Vpc: Sendable, Equatable {
        public var vpcId: String
        public var cidrBlock: String
        /// `pending`, `available`.
        public var state: String
        public var tags: [String: String]

        init(_ element: XMLTree) {
            vpcId = element.string("vpcId") ?? ""
            cidrBlock = element.string("cidrBlock") ?? ""
            state = element.string("state") ?? ""
            tags = EC2.tags(element.child("tagSet"))
        }
    }

    /// Creates a VPC tagged at creation (TagSpecifications), so it is findable even if we crash right after.
    public func createVpc(cidrBlock: String, tags: [String: String] = [:]) async throws -> Vpc {
        var parameters: QueryParameters = ["CidrBlock": cidrBlock]
        addTagSpecification(&parameters, resourceType: "vpc", tags: tags)
        let response = try await client.ec2("CreateVpc", parameters)
        return Vpc(response.child("vpc") ?? response)
    }

    /// VPCs by id and/or filters (`tag:tps:stack`, `cidr`, …); follows nextToken.
    public func describeVpcs(ids: [String] = [], filters: [(name: String, values: [String])] = []) async throws -> [Vpc] {
        try await describe("DescribeVpcs", setName: "vpcSet", ids: ("VpcId", ids), filters: filters).map(Vpc.init)
    }

    public func deleteVpc(id: String) async throws {
        _ = try await client.ec2("DeleteVpc", ["VpcId": id])
    }

    /// The VPC attributes that are on or off (one per ModifyVpcAttribute call, as EC2 requires).
    public enum VpcAttribute: String, Sendable {
        case enableDnsSupport, enableDnsHostnames
    }

    public func describeVpcAttribute(vpcId: String, _ attribute: VpcAttribute) async throws -> Bool {
        let response = try await client.ec2("DescribeVpcAttribute", ["VpcId": vpcId, "Attribute": attribute.rawValue])
        return response.string(attribute.rawValue, "value") == "true"
    }

    public func modifyVpcAttribute(vpcId: String, _ attribute: VpcAttribute, value: Bool) async throws {
        let member = attribute.rawValue.prefix(1).uppercased() + attribute.rawValue.dropFirst()
        _ = try await client.ec2("ModifyVpcAttribute", ["VpcId": vpcId, "\(member).Value": value ? "true" : "false"])
    }

    /// The items of a `Describe<Things>` answer's `setName` list, following nextToken.
    func describe(_ action: String, setName: String, ids: (name: String, values: [String]),
                  filters: [(name: String, values: [String])]) async throws -> [XMLTree] {
        var parameters = QueryParameters()
        parameters.addList(ids.name, ids.values, member: nil)
        parameters.addFilters(filters)
        var items: [XMLTree] = []
        for try await page in client.ec2Pages(action, parameters) {
            items += page.child(setName)?.listItems() ?? []
        }
        return items
    }

    func addTagSpecification(_ parameters: inout QueryParameters, resourceType: String, tags: [String: String]) {
        guard !tags.isEmpty else { return }
        var specification: QueryParameters = ["ResourceType": resourceType]
        specification.addTags(tags, name: "Tag", member: nil)
        parameters.addList("TagSpecification", [specification], member: nil)
    }

    /// `<tagSet><item><key>…</key><value>…</value></item></tagSet>` as a dictionary.
    static func tags(_ tagSet: XMLTree?) -> [String: String] {
        var tags: [String: String] = [:]
        for item in tagSet?.listItems() ?? [] {
            if let key = item.string("key") { tags[key] = item.string("value") ?? "" }
        }
        return tags
    }
}
