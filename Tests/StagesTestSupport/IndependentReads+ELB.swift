import AWSClient

/// Reads of stage 05 objects, straight from the emulator (raw Query/JSON calls, not the stage code).
extension IndependentReads {
    /// The stack's load balancers: name → (scheme, subnet count, arn).
    func loadBalancers() async throws -> [String: (scheme: String, subnets: Int, arn: String)] {
        let result = try await client.query(.elasticLoadBalancingV2, "DescribeLoadBalancers")
        var found: [String: (String, Int, String)] = [:]
        for item in result.child("LoadBalancers")?.listItems() ?? [] {
            guard let name = item.string("LoadBalancerName"), name.hasPrefix(stack + "-") else { continue }
            found[name] = (item.string("Scheme") ?? "", item.child("AvailabilityZones")?.listItems().count ?? 0,
                           item.string("LoadBalancerArn") ?? "")
        }
        return found
    }

    /// The stack's target groups: name → (target type, health check path, arn).
    func targetGroups() async throws -> [String: (type: String, path: String, arn: String)] {
        let result = try await client.query(.elasticLoadBalancingV2, "DescribeTargetGroups")
        var found: [String: (String, String, String)] = [:]
        for item in result.child("TargetGroups")?.listItems() ?? [] {
            guard let name = item.string("TargetGroupName"), name.hasPrefix(stack + "-") else { continue }
            found[name] = (item.string("TargetType") ?? "", item.string("HealthCheckPath") ?? "", item.string("TargetGroupArn") ?? "")
        }
        return found
    }

    /// A load balancer's listeners: port → default action type.
    func listeners(_ loadBalancerArn: String) async throws -> [Int: (arn: String, action: String)] {
        let result = try await client.query(.elasticLoadBalancingV2, "DescribeListeners", ["LoadBalancerArn": loadBalancerArn])
        var found: [Int: (String, String)] = [:]
        for item in result.child("Listeners")?.listItems() ?? [] {
            found[Int(item.string("Port") ?? "") ?? 0] = (item.string("ListenerArn") ?? "",
                                                         item.child("DefaultActions")?.listItems().first?.string("Type") ?? "")
        }
        return found
    }

    /// A listener's non-default rules: path pattern → target group ARN.
    func routes(_ listenerArn: String) async throws -> [String: String] {
        let result = try await client.query(.elasticLoadBalancingV2, "DescribeRules", ["ListenerArn": listenerArn])
        var found: [String: String] = [:]
        for rule in result.child("Rules")?.listItems() ?? [] where rule.string("IsDefault") != "true" {
            let condition = rule.child("Conditions")?.listItems().first
            let path = condition?.child("PathPatternConfig")?.child("Values")?.listItems().first?.text
                ?? condition?.child("Values")?.listItems().first?.text ?? ""
            found[path] = rule.child("Actions")?.listItems().first?.string("TargetGroupArn") ?? ""
        }
        return found
    }

    /// A service as ECS describes it (nil when unknown).
    func service(_ name: String, cluster: String) async throws -> JSONValue? {
        let output = try await client.json(.ecs, "DescribeServices", ["cluster": .string(cluster), "services": [.string(name)]])
        return output["services"]?.array?.first
    }
}
