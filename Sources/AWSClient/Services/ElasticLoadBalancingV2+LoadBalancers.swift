/// Creating, finding, changing and deleting load balancers, their attributes and tags.
extension ElasticLoadBalancingV2 {
    /// The load balancer called `name`, or nil.
    public func loadBalancer(named name: String) async throws -> LoadBalancer? {
        do {
            return try await describeLoadBalancers(names: [name]).first
        } catch let error as AWSError where error.code == "LoadBalancerNotFound" {
            return nil
        }
    }

    /// An application load balancer, tagged at creation (a repeat with the same settings
    /// answers the existing one, so a retried create is harmless).
    public func createApplicationLoadBalancer(name: String, subnets: [String], securityGroups: [String],
                                              scheme: String, tags: [String: String]) async throws -> LoadBalancer {
        var parameters: QueryParameters = ["Name": name, "Type": "application", "Scheme": scheme, "IpAddressType": "ipv4"]
        parameters.addList("Subnets", subnets.sorted())
        parameters.addList("SecurityGroups", securityGroups.sorted())
        parameters.addTags(tags)
        let result = try await client.query(.elasticLoadBalancingV2, "CreateLoadBalancer", parameters)
        guard let balancer = result.child("LoadBalancers")?.listItems().first else {
            throw AWSError(code: "MalformedResponse", message: "CreateLoadBalancer answered no load balancer",
                           requestId: nil, httpStatus: 200, service: "elasticloadbalancing", action: "CreateLoadBalancer")
        }
        return LoadBalancer(balancer)
    }

    public func setSubnets(_ arn: String, _ subnets: [String]) async throws {
        var parameters: QueryParameters = ["LoadBalancerArn": arn]
        parameters.addList("Subnets", subnets.sorted())
        _ = try await client.query(.elasticLoadBalancingV2, "SetSubnets", parameters)
    }

    public func setSecurityGroups(_ arn: String, _ groups: [String]) async throws {
        var parameters: QueryParameters = ["LoadBalancerArn": arn]
        parameters.addList("SecurityGroups", groups.sorted())
        _ = try await client.query(.elasticLoadBalancingV2, "SetSecurityGroups", parameters)
    }

    public func loadBalancerAttributes(_ arn: String) async throws -> [String: String] {
        let result = try await client.query(.elasticLoadBalancingV2, "DescribeLoadBalancerAttributes", ["LoadBalancerArn": arn])
        return Self.attributes(result)
    }

    public func modifyLoadBalancerAttributes(_ arn: String, _ attributes: [String: String]) async throws {
        var parameters: QueryParameters = ["LoadBalancerArn": arn]
        parameters.addList("Attributes", Self.attributeItems(attributes))
        _ = try await client.query(.elasticLoadBalancingV2, "ModifyLoadBalancerAttributes", parameters)
    }

    public func deleteLoadBalancer(_ arn: String) async throws {
        _ = try await client.query(.elasticLoadBalancingV2, "DeleteLoadBalancer", ["LoadBalancerArn": arn])
    }

    /// Tags of up to 20 resources (load balancers, target groups, listeners, rules) per call.
    public func tags(of arns: [String]) async throws -> [String: [String: String]] {
        var found: [String: [String: String]] = [:]
        for start in stride(from: 0, to: arns.count, by: 20) {
            var parameters = QueryParameters()
            parameters.addList("ResourceArns", Array(arns[start..<min(start + 20, arns.count)]))
            let result = try await client.query(.elasticLoadBalancingV2, "DescribeTags", parameters)
            for description in result.child("TagDescriptions")?.listItems() ?? [] {
                guard let arn = description.string("ResourceArn") else { continue }
                var tags: [String: String] = [:]
                for tag in description.child("Tags")?.listItems() ?? [] {
                    if let key = tag.string("Key") { tags[key] = tag.string("Value") ?? "" }
                }
                found[arn] = tags
            }
        }
        return found
    }

    static func attributes(_ result: XMLTree) -> [String: String] {
        var attributes: [String: String] = [:]
        for item in result.child("Attributes")?.listItems() ?? [] {
            if let key = item.string("Key") { attributes[key] = item.string("Value") ?? "" }
        }
        return attributes
    }

    static func attributeItems(_ attributes: [String: String]) -> [QueryParameters] {
        attributes.keys.sorted().map { ["Key": $0, "Value": attributes[$0]!] }
    }
}
