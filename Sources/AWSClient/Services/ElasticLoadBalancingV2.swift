/// Elastic Load Balancing v2 (Query protocol): load balancers (listeners and target groups come with the stages).
public struct ElasticLoadBalancingV2: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct LoadBalancer: Sendable, Equatable {
        public var name: String
        public var arn: String
        public var dnsName: String
        /// `provisioning`, `active`, …
        public var state: String
        public var type: String
        /// `internet-facing` or `internal`.
        public var scheme: String
        public var vpcId: String
        public var subnets: Set<String>
        public var securityGroups: Set<String>
        /// The Route 53 zone an alias record to this load balancer names.
        public var canonicalHostedZoneId: String

        init(_ element: XMLTree) {
            name = element.string("LoadBalancerName") ?? ""
            arn = element.string("LoadBalancerArn") ?? ""
            dnsName = element.string("DNSName") ?? ""
            state = element.string("State", "Code") ?? ""
            type = element.string("Type") ?? ""
            scheme = element.string("Scheme") ?? ""
            vpcId = element.string("VpcId") ?? ""
            subnets = Set((element.child("AvailabilityZones")?.listItems() ?? []).compactMap { $0.string("SubnetId") })
            securityGroups = Set((element.child("SecurityGroups")?.listItems() ?? []).map(\.text))
            canonicalHostedZoneId = element.string("CanonicalHostedZoneId") ?? ""
        }

        /// `app/<name>/<id>`: what CloudWatch's LoadBalancer dimension and ALBRequestCountPerTarget take.
        public var arnSuffix: String {
            guard let range = arn.firstRange(of: ":loadbalancer/") else { return arn }
            return String(arn[range.upperBound...])
        }
    }

    /// All load balancers, or those named; follows NextMarker.
    public func describeLoadBalancers(names: [String] = []) async throws -> [LoadBalancer] {
        var parameters = QueryParameters()
        parameters.addList("Names", names)
        var balancers: [LoadBalancer] = []
        for try await page in client.queryPages(.elasticLoadBalancingV2, "DescribeLoadBalancers", parameters,
                                                inputToken: "Marker", outputToken: "NextMarker") {
            balancers += (page.child("LoadBalancers")?.listItems() ?? []).map(LoadBalancer.init)
        }
        return balancers
    }
}
