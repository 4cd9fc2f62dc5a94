/// IP target groups: the ALB's link to Fargate tasks (ECS registers task IPs itself).
extension ElasticLoadBalancingV2 {
    public struct TargetGroup: Sendable, Equatable {
        public var name: String
        public var arn: String
        public var port: Int
        public var targetProtocol: String
        public var vpcId: String
        public var targetType: String
        public var healthCheck: HealthCheck
        /// `traffic-port` (each target's own port) or a fixed port number.
        public var healthCheckPort: String
        public var loadBalancerArns: [String]

        init(_ element: XMLTree) {
            name = element.string("TargetGroupName") ?? ""
            arn = element.string("TargetGroupArn") ?? ""
            port = Int(element.string("Port") ?? "") ?? 0
            targetProtocol = element.string("Protocol") ?? ""
            vpcId = element.string("VpcId") ?? ""
            targetType = element.string("TargetType") ?? ""
            healthCheck = HealthCheck(
                path: element.string("HealthCheckPath") ?? "",
                intervalSeconds: Int(element.string("HealthCheckIntervalSeconds") ?? "") ?? 0,
                timeoutSeconds: Int(element.string("HealthCheckTimeoutSeconds") ?? "") ?? 0,
                healthyThreshold: Int(element.string("HealthyThresholdCount") ?? "") ?? 0,
                unhealthyThreshold: Int(element.string("UnhealthyThresholdCount") ?? "") ?? 0,
                matcher: element.string("Matcher", "HttpCode") ?? "")
            healthCheckPort = element.string("HealthCheckPort") ?? "traffic-port"
            loadBalancerArns = (element.child("LoadBalancerArns")?.listItems() ?? []).map(\.text)
        }

        /// `targetgroup/<name>/<id>`: the TargetGroup dimension of CloudWatch metrics.
        public var arnSuffix: String {
            guard let range = arn.firstRange(of: ":targetgroup/") else { return arn }
            return "targetgroup/" + arn[range.upperBound...]
        }
    }

    /// The HTTP health check the ALB runs against each target.
    public struct HealthCheck: Sendable, Hashable {
        public var path: String
        public var intervalSeconds: Int
        public var timeoutSeconds: Int
        public var healthyThreshold: Int
        public var unhealthyThreshold: Int
        /// Success codes, e.g. `200-399`.
        public var matcher: String

        public init(path: String, intervalSeconds: Int, timeoutSeconds: Int, healthyThreshold: Int,
                    unhealthyThreshold: Int, matcher: String) {
            self.path = path
            self.intervalSeconds = intervalSeconds
            self.timeoutSeconds = timeoutSeconds
            self.healthyThreshold = healthyThreshold
            self.unhealthyThreshold = unhealthyThreshold
            self.matcher = matcher
        }

        var parameters: QueryParameters {
            var parameters: QueryParameters = [
                "HealthCheckProtocol": "HTTP", "HealthCheckPath": path, "HealthCheckEnabled": "true",
                "Matcher.HttpCode": matcher,
            ]
            parameters.add("HealthCheckIntervalSeconds", intervalSeconds)
            parameters.add("HealthCheckTimeoutSeconds", timeoutSeconds)
            parameters.add("HealthyThresholdCount", healthyThreshold)
            parameters.add("UnhealthyThresholdCount", unhealthyThreshold)
            return parameters
        }
    }

    /// The target group called `name`, or nil.
    public func targetGroup(named name: String) async throws -> TargetGroup? {
        do {
            var parameters = QueryParameters()
            parameters.addList("Names", [name])
            let result = try await client.query(.elasticLoadBalancingV2, "DescribeTargetGroups", parameters)
            return (result.child("TargetGroups")?.listItems() ?? []).map(TargetGroup.init).first
        } catch let error as AWSError where error.code == "TargetGroupNotFound" {
            return nil
        }
    }

    /// Every target group of the account and region (follows NextMarker).
    public func allTargetGroups() async throws -> [TargetGroup] {
        var groups: [TargetGroup] = []
        for try await page in client.queryPages(.elasticLoadBalancingV2, "DescribeTargetGroups", QueryParameters(),
                                                inputToken: "Marker", outputToken: "NextMarker") {
            groups += (page.child("TargetGroups")?.listItems() ?? []).map(TargetGroup.init)
        }
        return groups
    }

    /// An HTTP target group of `ip` targets (what Fargate's awsvpc tasks register as).
    public func createIPTargetGroup(name: String, port: Int, vpcId: String, healthCheck: HealthCheck,
                                    tags: [String: String]) async throws -> TargetGroup {
        var parameters: QueryParameters = ["Name": name, "Protocol": "HTTP", "VpcId": vpcId, "TargetType": "ip",
                                           "ProtocolVersion": "HTTP1"]
        parameters.add("Port", port)
        for pair in healthCheck.parameters.pairs { parameters.add(pair.name, pair.value) }
        parameters.addTags(tags)
        let result = try await client.query(.elasticLoadBalancingV2, "CreateTargetGroup", parameters)
        guard let group = result.child("TargetGroups")?.listItems().first else {
            throw AWSError(code: "MalformedResponse", message: "CreateTargetGroup answered no target group",
                           httpStatus: 200, service: "elasticloadbalancing", action: "CreateTargetGroup")
        }
        return TargetGroup(group)
    }

    public func modifyHealthCheck(_ arn: String, _ healthCheck: HealthCheck) async throws {
        var parameters: QueryParameters = ["TargetGroupArn": arn]
        for pair in healthCheck.parameters.pairs { parameters.add(pair.name, pair.value) }
        _ = try await client.query(.elasticLoadBalancingV2, "ModifyTargetGroup", parameters)
    }

    public func targetGroupAttributes(_ arn: String) async throws -> [String: String] {
        let result = try await client.query(.elasticLoadBalancingV2, "DescribeTargetGroupAttributes", ["TargetGroupArn": arn])
        return Self.attributes(result)
    }

    public func modifyTargetGroupAttributes(_ arn: String, _ attributes: [String: String]) async throws {
        var parameters: QueryParameters = ["TargetGroupArn": arn]
        parameters.addList("Attributes", Self.attributeItems(attributes))
        _ = try await client.query(.elasticLoadBalancingV2, "ModifyTargetGroupAttributes", parameters)
    }

    public func deleteTargetGroup(_ arn: String) async throws {
        _ = try await client.query(.elasticLoadBalancingV2, "DeleteTargetGroup", ["TargetGroupArn": arn])
    }
}
