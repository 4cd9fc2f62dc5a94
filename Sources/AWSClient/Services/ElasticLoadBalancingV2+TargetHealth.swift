/// The targets registered in a target group (ECS registers task IPs itself) and the state the
/// service reports for each.
extension ElasticLoadBalancingV2 {
    public struct RegisteredTarget: Sendable, Hashable {
        /// An IP address for `ip` target groups.
        public var id: String
        public var port: Int
        /// `initial`, `healthy`, `unhealthy`, `draining`, `unused`, …
        public var state: String

        public init(id: String, port: Int, state: String) {
            self.id = id
            self.port = port
            self.state = state
        }

        init(_ element: XMLTree) {
            id = element.string("Target", "Id") ?? ""
            port = Int(element.string("Target", "Port") ?? "") ?? 0
            state = element.string("TargetHealth", "State") ?? ""
        }
    }

    /// DescribeTargetHealth of every registered target of the group.
    public func targetHealth(ofTargetGroup arn: String) async throws -> [RegisteredTarget] {
        let result = try await client.query(.elasticLoadBalancingV2, "DescribeTargetHealth", ["TargetGroupArn": arn])
        return (result.child("TargetHealthDescriptions")?.listItems() ?? []).map(RegisteredTarget.init)
    }
}
