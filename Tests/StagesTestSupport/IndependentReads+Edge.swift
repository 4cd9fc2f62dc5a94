import AWSClient
import Foundation

/// Reads of stages 06-08 straight from the emulator, without the stages' code.
extension IndependentReads {
    /// Scalable targets on the stack's cluster in this region: resource id → (min, max).
    func scalableTargets(cluster: String) async throws -> [String: (min: Int, max: Int)] {
        let output = try await client.json(.applicationAutoScaling, "DescribeScalableTargets", ["ServiceNamespace": "ecs"])
        var found: [String: (min: Int, max: Int)] = [:]
        for target in output["ScalableTargets"]?.array ?? [] {
            guard let id = target["ResourceId"]?.string, id.hasPrefix("service/\(cluster)/") else { continue }
            found[id] = (target["MinCapacity"]?.int ?? -1, target["MaxCapacity"]?.int ?? -1)
        }
        return found
    }

    /// The scaling policies on one scalable target: name → the policy as AWS describes it.
    func scalingPolicies(resourceId: String) async throws -> [String: JSONValue] {
        let output = try await client.json(.applicationAutoScaling, "DescribeScalingPolicies", [
            "ServiceNamespace": "ecs", "ResourceId": .string(resourceId),
        ])
        var found: [String: JSONValue] = [:]
        for policy in output["ScalingPolicies"]?.array ?? [] {
            if let name = policy["PolicyName"]?.string { found[name] = policy }
        }
        return found
    }

    /// The stack's metric alarms in this region: name → the alarm.
    func alarms() async throws -> [String: JSONValue] {
        let output = try await client.json(.cloudWatch, "DescribeAlarms", ["AlarmNamePrefix": .string(stack + "-")])
        var found: [String: JSONValue] = [:]
        for alarm in output["MetricAlarms"]?.array ?? [] {
            if let name = alarm["AlarmName"]?.string { found[name] = alarm }
        }
        return found
    }

    /// Distributions tagged with the stack: id → (status, configuration).
    func distributions() async throws -> [String: (status: String, config: XMLTree)] {
        let cloudFront = CloudFront(client: client)
        var found: [String: (status: String, config: XMLTree)] = [:]
        for summary in try await cloudFront.listDistributions() {
            let tags = try await client.restXML(.cloudFront, action: "ListTagsForResource", method: "GET",
                                                path: "/2020-05-31/tagging", query: [(name: "Resource", value: summary.arn)])
            let stackTag = tags.body?.child("Items")?.children("Tag").first { $0.string("Key") == "tps:stack" }
            guard stackTag?.string("Value") == stack else { continue }
            let distribution = try await cloudFront.getDistribution(id: summary.id)
            found[summary.id] = (distribution.summary.status, distribution.config ?? XMLTree("DistributionConfig"))
        }
        return found
    }

    /// Custom CloudFront policies of the stack (by name prefix): name → configuration.
    func cloudFrontPolicies(_ kind: CloudFront.PolicyKind) async throws -> [String: XMLTree] {
        var found: [String: XMLTree] = [:]
        for policy in try await CloudFront(client: client).listPolicies(kind) where policy.name.hasPrefix(stack + "-") {
            found[policy.name] = policy.config
        }
        return found
    }

    /// The DNS name of the stack's ALB in this region (ELBv2 directly).
    func loadBalancerDNSNames() async throws -> [String] {
        let result = try await client.query(.elasticLoadBalancingV2, "DescribeLoadBalancers", [:])
        return (result.child("LoadBalancers")?.listItems() ?? []).compactMap { balancer in
            guard let name = balancer.string("LoadBalancerName"), name.hasPrefix(stack + "-") else { return nil }
            return balancer.string("DNSName")
        }
    }

    /// Tags of an ECS cluster by name.
    func clusterTags(_ name: String) async throws -> [String: String] {
        let output = try await client.json(.ecs, "DescribeClusters", ["clusters": [.string(name)], "include": ["TAGS"]])
        var tags: [String: String] = [:]
        for tag in output["clusters"]?.array?.first?["tags"]?.array ?? [] {
            if let key = tag["key"]?.string { tags[key] = tag["value"]?.string ?? "" }
        }
        return tags
    }

    /// ARNs of the cluster's tasks started by stage 08 (any status).
    func migrationTasks(cluster: String) async throws -> [String] {
        try await oneOffTasks(cluster: cluster, startedBy: "tps-db-init-").compactMap { $0["taskArn"]?.string }
    }

    /// The cluster's tasks (running or stopped) whose `startedBy` begins with the prefix.
    func oneOffTasks(cluster: String, startedBy prefix: String) async throws -> [JSONValue] {
        var arns: [String] = []
        for status in ["RUNNING", "STOPPED"] {
            let output = try await client.json(.ecs, "ListTasks", [
                "cluster": .string(cluster), "desiredStatus": .string(status),
            ])
            arns += (output["taskArns"]?.array ?? []).compactMap(\.string)
        }
        guard !arns.isEmpty else { return [] }
        let described = try await client.json(.ecs, "DescribeTasks", ["cluster": .string(cluster), "tasks": .array(arns.map { .string($0) })])
        return (described["tasks"]?.array ?? []).filter { $0["startedBy"]?.string?.hasPrefix(prefix) == true }
    }
}

extension IndependentReads {
    func task(cluster: String, arn: String) async throws -> JSONValue? {
        let output = try await client.json(.ecs, "DescribeTasks", ["cluster": .string(cluster), "tasks": [.string(arn)]])
        return output["tasks"]?.array?.first
    }

    /// Ids of the stack's subnets without public IPs on launch.
    func privateSubnetIds() async throws -> [String] {
        var parameters = QueryParameters()
        parameters.addFilters([("tag:tps:stack", [stack])])
        let response = try await client.ec2("DescribeSubnets", parameters)
        return (response.child("subnetSet")?.listItems() ?? []).filter { $0.string("mapPublicIpOnLaunch") != "true" }
            .compactMap { $0.string("subnetId") }
    }
}
