import Capacity
import Stack
import Testing

/// `tpsctl capacity` with `dataPlane.aurora.proxy`: the connections line says what the database
/// sees through the proxy, not only what the pools add up to.
@Suite("tpsctl capacity with an RDS Proxy")
struct CapacityProxyTests {
    static func plan(proxy: Bool) throws -> CapacityPlan {
        let yaml = CapacityPlannerTests.yaml.replacingOccurrences(
            of: "    connectionsPerTask: 5\n",
            with: "    connectionsPerTask: 5\n    proxy: { enabled: \(proxy), maxConnectionsPercent: 80 }\n")
        let stack = try StackLoader.load(yaml: yaml, file: "cap.yaml")
        let throughput = TaskThroughput(perTask: [.publicAPI: 1_000, .confirmAPI: 500, .confirmWorker: 100], source: "t")
        return CapacityPlanner().plan(stack, requestsPerSecond: 100_000, throughput: throughput, quotas: [:])
    }

    @Test("the proxy's percent of max_connections is in the plan and its table; without a proxy neither says so")
    func proxyShare() throws {
        let proxied = try Self.plan(proxy: true)
        let tokyo = proxied.regions[0]
        #expect(tokyo.auroraProxyConnectionsPercent == 80)
        #expect(proxied.table().contains(
            "through RDS Proxy at 80 %: at most \(tokyo.auroraMaxConnections * 80 / 100) at the database"))
        let plain = try Self.plan(proxy: false)
        #expect(plain.regions[0].auroraProxyConnectionsPercent == nil)
        #expect(!plain.table().contains("RDS Proxy"))
    }
}
