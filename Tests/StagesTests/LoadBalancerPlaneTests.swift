import AWSClient
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LocalDataPlane
import Logging
import Provisioning
import Stack
import Stages
import Testing
@testable import StagesTestSupport

/// The local ALB data plane against the local AWS: stage 05's load balancer really routes, by
/// its listener rules, to the tasks the local ECS data plane runs, at the `url` stage 05 records.
extension ServiceStages {
    @Suite("The local ALB data plane serves what stage 05 deploys")
    struct LoadBalancerPlaneTests {
        /// confirm-api alone has SERVES_CONFIRM, so a test sees which service a rule reached.
        /// Short health checks keep the SIGKILL case quick.
        static let stackYAML = """
            services:
              public-api: {desiredCount: 1, minCount: 1, maxCount: 2, port: 8080, env: {BIND_ANY: "1"}}
              confirm-api: {desiredCount: 1, minCount: 1, maxCount: 2, port: 8080, env: {BIND_ANY: "1", SERVES_CONFIRM: "1"}}
              confirm-worker: {desiredCount: 1, minCount: 1, maxCount: 2, env: {BIND_ANY: "1"}}
            alb:
              healthCheckIntervalSeconds: 5
              healthyThreshold: 2
              unhealthyThreshold: 2
              deregistrationDelaySeconds: 0

            """

        /// Names of its own, so this test's agent sweeps only its own namespaces (and the
        /// lead's data plane, sweeping `tpsdp-`, leaves this test's tasks alone).
        static let naming = TaskNetwork.Naming(namespacePrefix: "tpsalb-", linkPrefix: "tpsw")

        @Test("through the ALB's url: rules reach each service's task, unmatched paths get the fixed response, X-Forwarded-* reach the target; a SIGKILLed task stops getting traffic within the health check thresholds; down stops serving")
        func routesToTasks() async throws {
            let test = try TestStack("alb", extraYAML: Self.stackYAML, cidrs: TestStack.isolatedRanges())
            defer { test.removeFiles() }
            let agent = try test.dataPlane(naming: Self.naming)
            let plane = try test.loadBalancerPlane()
            let running = Task { try await agent.run() }
            let serving = Task { try await plane.run() }
            defer {
                running.cancel()
                serving.cancel()
            }

            let report = try await test.up(to: "05")
            #expect(report.succeeded, "up failed: \(report.failures)")

            let store = StateStore(root: test.stateDirectory)
            var urls: [String: String] = [:]
            for region in ["ap-northeast-1", "ap-northeast-2"] {
                let address = ResourceAddress(region: RegionName(region), stage: .services, kind: "load_balancer", name: "main")
                let outputs = try #require(try await store.record(for: address)?.outputs, "no state for \(address)")
                let url = try #require(outputs["url"]?.text, "\(region): no url output in \(outputs.keys)")
                let arn = try #require(outputs["arn"]?.text)
                #expect(url == LocalLoadBalancerAddress(loadBalancerArn: arn).url(port: 80))
                #expect(url.hasPrefix("http://127.") && !url.hasPrefix("http://127.0.0.1:"), "\(url)")
                urls[region] = url
            }
            #expect(Set(urls.values).count == 2, "each ALB has an address of its own: \(urls)")

            for (region, url) in urls.sorted(by: { $0.key < $1.key }) {
                // Targets become healthy after healthyThreshold checks; until then ALB fails open.
                let health = try await Self.eventually("\(region): /public/health answers 200 through the ALB") {
                    let answer = try? await Self.get(url + "/public/health")
                    return answer?.status == 200 ? answer : nil
                }
                #expect(health.body == "ok")
                #expect(try await Self.get(url + "/confirm/has/SERVES_CONFIRM").status == 200, "\(region): /confirm/* reaches confirm-api")
                #expect(try await Self.get(url + "/public/has/SERVES_CONFIRM").status == 404, "\(region): /public/* reaches public-api")
                let unmatched = try await Self.get(url + "/elsewhere")
                #expect(unmatched.status == 404)
                #expect(unmatched.body.contains(#""title":"Not Found""#), "the listener's fixed response: \(unmatched.body)")
                let forwarded = try await Self.get(url + "/public/header/X-Forwarded-For", headers: ["X-Forwarded-For": "203.0.113.7"])
                #expect(forwarded.body == "203.0.113.7, 127.0.0.1", "appended to the client's X-Forwarded-For")
                #expect(try await Self.get(url + "/public/header/X-Forwarded-Proto").body == "http")
                #expect(try await Self.get(url + "/public/header/X-Forwarded-Port").body == "80")
            }

            // SIGKILL public-api's task in the first region: the scheduler replaces it, and the
            // ALB stops sending it traffic (unhealthy or deregistered) within its thresholds.
            let url = try #require(urls["ap-northeast-1"])
            let ecs = ECS(client: try test.client("ap-northeast-1"))
            let cluster = "\(test.name)-apne1-cluster"
            let victim = try #require(try await ecs.describeTasks(
                cluster: cluster, arns: try await ecs.taskArns(cluster: cluster, desiredStatus: "RUNNING")
            ).first { $0["group"]?.string == "service:public-api" })
            let victimAddress = try #require(LocalDataPlaneTests.address(victim))
            let pid = try #require(victim["containers"]?[0]?["runtimeId"]?.string.flatMap { pid_t($0) }, "runtimeId is the pid: \(victim)")
            let killedAt = ContinuousClock.now
            #expect(kill(pid, SIGKILL) == 0)
            /// public-api's group in the first region: its targets' health as the plane sees it.
            func publicTargets() async -> [String: TargetHealthState.Status] {
                await plane.targetStatuses().first { $0.key.contains(":ap-northeast-1:") && $0.key.contains("public") }?.value ?? [:]
            }
            _ = try await Self.eventually("the killed target takes no traffic") {
                let victimStatus = await publicTargets().first { $0.key.hasPrefix(victimAddress + ":") }?.value
                return victimStatus != .healthy ? true : nil
            }
            // interval × unhealthyThreshold, plus one interval and a check timeout of slack.
            #expect(ContinuousClock.now - killedAt < .seconds(5 * 2 + 5 + 5), "out of rotation within the thresholds")
            _ = try await Self.eventually("the replacement task is healthy behind the ALB") {
                await publicTargets().values.contains(.healthy) ? true : nil
            }
            for attempt in 1...30 {
                let answer = try await Self.get(url + "/public/health")
                #expect(answer.status == 200, "request \(attempt) after the replacement is healthy: \(answer.status)")
            }

            let down = try await test.down()
            #expect(down.succeeded, "down failed: \(down.failures)")
            _ = try await Self.eventually("a deleted load balancer is no longer served") {
                await plane.urls().isEmpty ? true : nil
            }
            // Refused, or answered by whatever the host puts on port 80 — not by this listener's rules.
            let after = try? await Self.get(url + "/elsewhere")
            #expect(after?.body.contains(#""title":"Not Found""#) != true, "\(url) still serves the listener: \(String(describing: after))")
            _ = try await Self.eventually("no namespace of this test is left after down") {
                try TaskNetwork.existing(Self.naming).isEmpty ? true : nil
            }
        }

        @Test("a target health check that never passes: ECS stops each task with 'Task failed ELB health checks', the breaker fails the deployment, up names service and reason")
        func healthCheckNeverPasses() async throws {
            // The container's own health check (/public/health) passes; the target group's
            // path answers 404 (the tiny image serves /has/NAME only for a variable it has), so
            // only the ALB sees the tasks as unhealthy.
            let yaml = Self.stackYAML.replacingOccurrences(
                of: "public-api: {desiredCount: 1, minCount: 1, maxCount: 2, port: 8080, env: {BIND_ANY: \"1\"}}",
                with: "public-api: {desiredCount: 1, minCount: 1, maxCount: 2, port: 8080, healthPath: /public/has/NEVER_SET, "
                    + "healthCheckGracePeriodSeconds: 0, env: {BIND_ANY: \"1\"}}")
            let test = try TestStack("albhc", extraYAML: yaml, cidrs: TestStack.isolatedRanges())
            defer { test.removeFiles() }
            let agent = try test.dataPlane(naming: Self.naming)
            let plane = try test.loadBalancerPlane()
            let running = Task { try await agent.run() }
            let serving = Task { try await plane.run() }
            defer {
                running.cancel()
                serving.cancel()
            }
            let report = try await test.up(to: "05")
            #expect(!report.succeeded)
            let failure = try #require(report.failures.first { $0.address.key == "ecs_service.public-api" }, "\(report.failures)")
            let line = failure.message
            #expect(!line.contains("\n"), "one line: \(line)")
            #expect(line.contains("deployment of public-api failed"), "\(line)")
            #expect(line.contains("Task failed ELB health checks in (target-group"), "\(line)")
            #expect(report.failures.allSatisfy { $0.address.key == "ecs_service.public-api" }, "only public-api: \(report.failures)")
            #expect(try await test.down().succeeded)
        }

        @Test("a container port that differs from the load balancer's: ECS refuses CreateService ('did not have a container port … defined'), up names service and reason, nothing runs")
        func containerPortDiffersFromTheLoadBalancers() async throws {
            // How it happens with tpsctl: the stack's `port` is edited after stage 04 registered
            // the task definition, and only stage 05 is applied. The target group and the
            // service's loadBalancers then use the new port, the task definition the old one.
            let test = try TestStack("albport", extraYAML: Self.stackYAML, cidrs: TestStack.isolatedRanges())
            defer { test.removeFiles() }
            let agent = try test.dataPlane(naming: Self.naming)
            let plane = try test.loadBalancerPlane()
            let running = Task { try await agent.run() }
            let serving = Task { try await plane.run() }
            defer {
                running.cancel()
                serving.cancel()
            }
            let registered = try await test.up(to: "04")
            #expect(registered.succeeded, "up to 04 failed: \(registered.failures)")
            let stack = try String(contentsOf: test.stackFile, encoding: .utf8)
            let moved = stack.replacingOccurrences(of: "public-api: {desiredCount: 1, minCount: 1, maxCount: 2, port: 8080,",
                                                   with: "public-api: {desiredCount: 1, minCount: 1, maxCount: 2, port: 9090,")
            #expect(moved != stack)
            try moved.write(to: test.stackFile, atomically: true, encoding: .utf8)

            let report = try await test.up(stage: "05")
            #expect(!report.succeeded)
            let failure = try #require(report.failures.first { $0.address.key == "ecs_service.public-api" }, "\(report.failures)")
            let line = failure.message
            #expect(!line.contains("\n"), "one line: \(line)")
            #expect(line.contains("public-api"), "\(line)")
            #expect(line.contains("InvalidParameterException"), "\(line)")
            #expect(line.contains("The container public-api did not have a container port 9090 defined."), "\(line)")
            #expect(report.failures.allSatisfy { $0.address.key == "ecs_service.public-api" }, "only public-api: \(report.failures)")
            let ecs = ECS(client: try test.client("ap-northeast-1"))
            let cluster = "\(test.name)-apne1-cluster"
            let tasks = try await ecs.describeTasks(cluster: cluster, arns: try await ecs.taskArns(cluster: cluster, desiredStatus: "RUNNING"))
            #expect(!tasks.contains { $0["group"]?.string == "service:public-api" }, "no public-api task was started")
            #expect(try await test.down().succeeded)
        }

        struct Answer: Sendable {
            var status: Int
            var body: String
        }

        /// A GET to a load balancer's loopback url (which this test's plane serves).
        static func get(_ url: String, headers: [String: String] = [:]) async throws -> Answer {
            var request = URLRequest(url: URL(string: url)!)
            request.timeoutInterval = 5
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            let (data, response) = try await URLSession.shared.data(for: request)
            return Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self))
        }

        static func eventually<T>(_ what: String, _ probe: () async throws -> T?) async throws -> T {
            try await LocalDataPlaneTests.eventually(what, probe)
        }
    }
}

extension TestStack {
    /// The local ALB data plane serving this stack's load balancers, signed with this test's key.
    func loadBalancerPlane() throws -> LoadBalancerPlane {
        var logger = Logger(label: "local-alb")
        logger.logLevel = .info
        return LoadBalancerPlane(settings: .init(regions: ["ap-northeast-1", "ap-northeast-2"], namePrefix: "\(name)-"),
                                 client: try client("ap-northeast-1"), logger: logger)
    }
}
