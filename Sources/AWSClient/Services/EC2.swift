/// Amazon EC2 (EC2 Query protocol): VPCs (subnets, gateways and routes come with the stages).
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
        var parameters = QueryParameters()
        parameters.addList("VpcId", ids, member: nil)
        parameters.addFilters(filters)
        var vpcs: [Vpc] = []
        for try await page in client.ec2Pages("DescribeVpcs", parameters) {
            vpcs += (page.child("vpcSet")?.listItems() ?? []).map(Vpc.init)
        }
        return vpcs
    }

    public func deleteVpc(id: String) async throws {
        _ = try await client.ec2("DeleteVpc", ["VpcId": id])
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
