import AWSClient
import Foundation
import Provisioning
import Testing
@testable import StagesTestSupport

/// Issue 14, item 3: `dataPlane.aurora.proxy` puts an RDS Proxy in front of stage 03's writer,
/// against the local AWS (control plane only: no PostgreSQL traffic goes through it locally).
@Suite("RDS Proxy in stage 03", .serialized)
struct DBProxyLifecycleTests {
    static let regions = ["ap-northeast-1", "ap-northeast-2"]

    @Test("plan of a fresh stack with the proxy lists its role, proxy and target group as creates, after the cluster")
    func planListsTheProxy() async throws {
        let test = try TestStack("proxyplan")
        defer { test.removeFiles() }
        try enableProxy(in: test, percent: 75)
        let plan = try await test.plan()
        for key in ["iam_role.rds-proxy", "rds_proxy.main", "rds_proxy_target_group.default"] {
            let actions = plan.actions.filter { $0.address.key == key }
            #expect(actions.count == 2, "\(key) once per region")
            #expect(actions.allSatisfy { $0.kind == .create }, "\(key): \(actions.map(\.kind))")
        }
        let rendered = plan.render()
        #expect(rendered.contains("rds_proxy.main"))
        #expect(rendered.contains("maxConnectionsPercent"))
        #expect(try await test.mutations().isEmpty, "plan made a mutating call")
    }

    @Test("up creates the proxy (POSTGRESQL, TLS, the cluster's secret, private subnets, DB group), a re-run changes nothing, a pool changed outside shows in diff and is repaired, a run without state creates nothing, down removes it all")
    func lifecycle() async throws {
        let test = try TestStack("proxy")
        defer { test.removeFiles() }
        try enableProxy(in: test, percent: 75)
        let report = try await test.up()
        #expect(report.succeeded, "up failed: \(report.failures)")

        let environment = try String(contentsOf: test.stateDirectory.appendingPathComponent(".env.generated"), encoding: .utf8)
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            let short = region == "ap-northeast-1" ? "apne1" : "apne2"
            let proxies = try await reads.dbProxies()
            #expect(proxies.count == 1)
            let proxy = try #require(proxies.first)
            let name = try #require(proxy.string("DBProxyName"))
            #expect(name == "\(test.name)-\(short)-aurora-proxy")
            #expect(proxy.string("EngineFamily") == "POSTGRESQL")
            #expect(proxy.string("RequireTLS") == "true")
            let database = try #require(try await reads.dbClusters().first)
            let secret = try #require(database.string("MasterUserSecret", "SecretArn"))
            let auth = try #require(proxy.child("Auth")?.listItems().first)
            #expect(auth.string("SecretArn") == secret)
            #expect(auth.string("AuthScheme") == "SECRETS")
            #expect(auth.string("IAMAuth") == "DISABLED")
            #expect(proxy.child("VpcSubnetIds")?.listItems().count == 2, "one private subnet per AZ")
            let auroraGroup = try #require(try await reads.securityGroupId(named: "\(test.name)-\(short)-aurora"))
            #expect(proxy.child("VpcSecurityGroupIds")?.listItems().map(\.text) == [auroraGroup])
            let role = "\(test.name)-\(short)-rds-proxy"
            #expect(proxy.string("RoleArn")?.hasSuffix(":role/tps/\(test.name)/\(role)") == true)
            let policy = try await reads.inlinePolicy(role: role, name: "read-cluster-secret")
            #expect(policy.contains(secret), "the role may read the cluster's secret")
            #expect(!policy.contains("*"), "and nothing else: \(policy)")

            let group = try #require(try await reads.dbProxyTargetGroup(name))
            #expect(group.string("ConnectionPoolConfig", "MaxConnectionsPercent") == "75")
            let targets = try await reads.dbProxyTargets(name)
            #expect(targets.count == 1, "the cluster registered once")
            #expect(targets.first?.string("RdsResourceId") == database.string("DBClusterIdentifier"))

            let endpoint = try #require(proxy.string("Endpoint"))
            #expect(environment.contains("DB_HOST=\(endpoint)"), "the services reach the writer through the proxy")
        }
        #expect(!environment.contains("DB_HOST=\(test.name)-apne1-aurora.cluster-"))

        let plan = try await test.plan()
        #expect(!plan.hasChanges, "plan after up: \(plan.render())")
        let before = try await test.mutations().count
        let second = try await test.up()
        #expect(second.succeeded)
        #expect(second.mutated.isEmpty)
        #expect(try await test.mutations().count == before, "a converged up must make no mutating call")

        // The pool changed behind tpsctl's back shows in diff, and up puts it back in place.
        let tokyo = try test.client("ap-northeast-1")
        let tokyoProxy = "\(test.name)-apne1-aurora-proxy"
        _ = try await tokyo.query(.rds, "ModifyDBProxyTargetGroup", [
            "DBProxyName": tokyoProxy, "TargetGroupName": "default", "ConnectionPoolConfig.MaxConnectionsPercent": "50",
        ])
        let drift = try await test.drift()
        let pool = try #require(drift.resources.first {
            $0.address.key == "rds_proxy_target_group.default" && $0.address.region == "ap-northeast-1"
        })
        #expect(pool.status == .drifted)
        #expect(pool.fields.first { $0.field == "maxConnectionsPercent" }?.live == .known("50"))
        let repair = try await test.up()
        #expect(repair.succeeded)
        #expect(repair.mutated.map(\.key) == ["rds_proxy_target_group.default"])
        let repaired = try await IndependentReads(client: tokyo, stack: test.name).dbProxyTargetGroup(tokyoProxy)
        #expect(repaired?.string("ConnectionPoolConfig", "MaxConnectionsPercent") == "75")

        // A run that lost its state (killed before writing it) finds everything by name.
        try FileManager.default.removeItem(at: test.stateDirectory)
        let adopted = try await test.up()
        #expect(adopted.succeeded, "up without state: \(adopted.failures)")
        let creates = try await test.mutations().dropFirst(before).compactMap(\.action)
            .filter { ["CreateDBProxy", "RegisterDBProxyTargets", "CreateRole"].contains($0) }
        #expect(creates.isEmpty, "created twice: \(creates)")
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            let proxies = try await reads.dbProxies()
            #expect(proxies.count == 1)
            #expect(try await reads.dbProxyTargets(try #require(proxies.first?.string("DBProxyName"))).count == 1)
        }

        let down = try await test.down()
        #expect(down.succeeded, "down: \(down.failures) left: \(down.leftovers)")
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            #expect(try await reads.dbProxies().isEmpty)
            let left = try await reads.counts()
            #expect(left.values.allSatisfy { $0 == 0 }, "left after down: \(left)")
        }
        #expect(try await IndependentReads(client: try test.client("ap-northeast-1"), stack: test.name).roles().isEmpty)
        let order = try await test.mutations().compactMap(\.action)
            .filter { ["DeregisterDBProxyTargets", "DeleteDBProxy", "DeleteDBCluster", "DeleteRole"].contains($0) }
        let firstCluster = try #require(order.firstIndex(of: "DeleteDBCluster"))
        #expect(order.firstIndex(of: "DeleteDBProxy").map { $0 < firstCluster } == true,
                "the proxy goes before the cluster: \(order)")
    }

    /// Writes `dataPlane.aurora.proxy` into the test's stack file.
    private func enableProxy(in test: TestStack, percent: Int) throws {
        var text = try String(contentsOf: test.stackFile, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "  seatLocks:\n",
            with: "  aurora:\n    proxy:\n      enabled: true\n      maxConnectionsPercent: \(percent)\n  seatLocks:\n")
        try text.write(to: test.stackFile, atomically: true, encoding: .utf8)
    }
}
