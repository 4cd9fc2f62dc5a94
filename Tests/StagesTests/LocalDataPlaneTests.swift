import AWSClient
import ContainerImage
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LocalDataPlane
import Logging
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// The local data plane against the local AWS: stage 05's services really run, from the
/// images stage 01 pushed, in network namespaces of their own at their ENI's address.
extension ServiceStages {
    @Suite("The local data plane runs what stage 05 deploys")
    struct LocalDataPlaneTests {
        /// The tiny images listen on every address (a task behind an ALB must); one task each.
        static let services = """
            services:
              public-api: {desiredCount: 1, minCount: 1, maxCount: 2, port: 8080, env: {BIND_ANY: "1"}}
              confirm-api: {desiredCount: 1, minCount: 1, maxCount: 2, port: 8080, env: {BIND_ANY: "1"}}
              confirm-worker: {desiredCount: 1, minCount: 1, maxCount: 2, env: {BIND_ANY: "1"}}

            """

        @Test("tasks run at their ENI address with their secrets injected; a task killed with SIGKILL is stopped with its exit code and replaced; a stopped task drains from its target group first; down leaves no namespace")
        func servicesRun() async throws {
            let test = try TestStack("ldp", extraYAML: Self.services, cidrs: TestStack.isolatedRanges())
            defer { test.removeFiles() }
            let agent = try test.dataPlane()
            let running = Task { try await agent.run() }
            defer { running.cancel() }

            // Through stage 08: the services start only once the migration task (run by this data
            // plane too) has succeeded.
            let report = try await test.up(to: "08")
            #expect(report.succeeded, "up failed: \(report.failures)")

            for region in ["ap-northeast-1", "ap-northeast-2"] {
                let ecs = ECS(client: try test.client(region))
                let cluster = "\(test.name)-\(region == "ap-northeast-1" ? "apne1" : "apne2")-cluster"
                let tasks = try await ecs.describeTasks(cluster: cluster, arns: try await ecs.taskArns(cluster: cluster, desiredStatus: "RUNNING"))
                #expect(tasks.count == 3, "\(region): one task per service, got \(tasks.count)")
                for task in tasks where task["group"]?.string != "service:confirm-worker" {
                    #expect(task["lastStatus"]?.string == "RUNNING")
                    let address = try #require(Self.address(task), "\(region): no ENI address in \(task)")
                    #expect(try await Self.get("http://\(address):8080/public/health") == 200, "\(region) \(address)")
                    for secret in ["ROOM_TOKEN_KEY", "PAYMENT_WEBHOOK_SECRET", "REDIS_AUTH_TOKEN"] {
                        #expect(try await Self.get("http://\(address):8080/has/\(secret)") == 200, "\(region): \(secret) injected")
                    }
                    #expect(try await Self.get("http://\(address):8080/has/NOT_IN_THE_DEFINITION") == 404)
                }
            }

            // SIGKILL one task's container: ECS reports the exit and the scheduler replaces it.
            let client = try test.client("ap-northeast-1")
            let ecs = ECS(client: client)
            let cluster = "\(test.name)-apne1-cluster"
            let victim = try #require(try await ecs.describeTasks(
                cluster: cluster, arns: try await ecs.taskArns(cluster: cluster, desiredStatus: "RUNNING")
            ).first { $0["group"]?.string == "service:public-api" })
            let victimArn = try #require(victim["taskArn"]?.string)
            let pid = try #require(victim["containers"]?[0]?["runtimeId"]?.string.flatMap { pid_t($0) }, "runtimeId is the pid: \(victim)")
            #expect(kill(pid, SIGKILL) == 0)
            let stopped = try await Self.eventually("the killed task is reported STOPPED") {
                let task = try await ecs.describeTasks(cluster: cluster, arns: [victimArn]).first
                return task?["lastStatus"]?.string == "STOPPED" ? task : nil
            }
            #expect(stopped["stoppedReason"]?.string == "Essential container in task exited")
            #expect(stopped["containers"]?[0]?["exitCode"]?.int == 137)
            let replacement = try await Self.eventually("a replacement task runs") {
                let tasks = try await ecs.describeTasks(cluster: cluster, arns: try await ecs.taskArns(cluster: cluster, desiredStatus: "RUNNING"))
                return tasks.first { $0["group"]?.string == "service:public-api" && $0["taskArn"]?.string != victimArn
                    && $0["lastStatus"]?.string == "RUNNING" }
            }
            let address = try #require(Self.address(replacement))
            #expect(try await Self.get("http://\(address):8080/public/health") == 200)

            // Stopped, it leaves its target group first and keeps serving for the group's
            // deregistration delay (10 s here) before SIGTERM, so requests in flight complete.
            let replacementArn = try #require(replacement["taskArn"]?.string)
            let service = try #require(try await ecs.service("public-api", cluster: cluster))
            let group = try #require(service.loadBalancers.first?.split(separator: "|").first.map(String.init))
            _ = try await client.json(.ecs, "StopTask", ["cluster": .string(cluster), "task": .string(replacementArn)])
            _ = try await Self.eventually("the stopped task left its target group") {
                let targets = try await ElasticLoadBalancingV2(client: client).targetHealth(ofTargetGroup: group)
                return targets.contains { $0.id == address } ? nil : true
            }
            try await Task.sleep(for: .seconds(1))
            #expect(try await Self.get("http://\(address):8080/public/health") == 200,
                    "still serving while its target drains")
            #expect(try await ecs.describeTasks(cluster: cluster, arns: [replacementArn]).first?["lastStatus"]?.string == "DEACTIVATING",
                    "ECS shows a draining task DEACTIVATING")
            _ = try await Self.eventually("the drained task is STOPPED") {
                try await ecs.describeTasks(cluster: cluster, arns: [replacementArn]).first?["lastStatus"]?.string == "STOPPED" ? true : nil
            }

            let down = try await test.down()
            #expect(down.succeeded, "down failed: \(down.failures)")
            let left = try await Self.eventually("no task namespace is left after down") {
                let namespaces = try TaskNetwork.existing(.tests)
                return namespaces.isEmpty ? namespaces : nil
            }
            #expect(left.isEmpty)
        }

        static func address(_ task: JSONValue) -> String? {
            (task["attachments"]?[0]?["details"]?.array ?? []).first { $0["name"]?.string == "privateIPv4Address" }?["value"]?.string
        }

        /// The status of a GET to a task's address (which this test's data plane created).
        static func get(_ url: String) async throws -> Int {
            var request = URLRequest(url: URL(string: url)!)
            request.timeoutInterval = 5
            let (_, response) = try await URLSession.shared.data(for: request)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }

        /// Polls `probe` every 250 ms for up to 60 s; fails naming `what`.
        static func eventually<T>(_ what: String, _ probe: () async throws -> T?) async throws -> T {
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                if let value = try await probe() { return value }
                try await Task.sleep(for: .milliseconds(250))
            }
            throw MissingServer("timed out waiting until \(what)")
        }
    }
}

extension TestStack {
    /// The local data plane serving this stack's clusters, signed with this test's key; its
    /// namespaces and links are named by `naming` (what its start sweeps). `forwardedPorts`: the
    /// host loopback ports its tasks reach on their own loopback (real services need the local
    /// AWS, PostgreSQL and Redis; the tiny images need none).
    func dataPlane(naming: TaskNetwork.Naming = .tests, forwardedPorts: [Int] = []) throws -> ECSAgent {
        let clusters = ["ap-northeast-1": "apne1", "ap-northeast-2": "apne2"].map {
            ECSAgent.Cluster(region: $0.key, name: "\(name)-\($0.value)-cluster")
        }
        var settings = ECSAgent.Settings(
            endpointURL: aws.endpoint, clusters: clusters, workDirectory: directory.appendingPathComponent("dataplane").path,
            forwardedPorts: forwardedPorts, registryCredentials: registry.credentials)
        settings.networkNaming = naming
        var logger = Logger(label: "local-dataplane")
        logger.logLevel = .info
        return ECSAgent(settings: settings, client: try client("ap-northeast-1"), logger: logger)
    }
}

extension ServiceStages {
    /// What ECS says when a deployment cannot start, surfaced by stage 05's wait as one line
    /// naming the service and the reason.
    @Suite("The local data plane's bad input reaches stage 05 as ECS's reason")
    struct LocalDataPlaneBadInputTests {
        @Test("an image digest that does not exist: CannotPullContainerError, the breaker fails the deployment, up names service and reason")
        func missingImage() async throws {
            var test = try TestStack("ldpimg", extraYAML: LocalDataPlaneTests.services, cidrs: TestStack.isolatedRanges())
            defer { test.removeFiles() }
            let agent = try test.dataPlane()
            let running = Task { try await agent.run() }
            defer { running.cancel() }
            #expect(try await test.up(to: "03").succeeded)

            // The worker and confirm-api as stage 01 pushed them; public-api by a digest no registry has.
            let recorded = try await test.deployment().store.outputs(region: "ap-northeast-1")
            func pushed(_ service: ServiceName) throws -> String {
                try #require(recorded[ImageSource.address("ap-northeast-1", service)]?["imageUri"]?.text)
            }
            let missing = "\(test.registry.host)/nowhere/public-api@sha256:" + String(repeating: "0", count: 64)
            test.imageReferences = ["public-api=\(missing)", "confirm-api=\(try pushed(.confirmAPI))",
                                    "confirm-worker=\(try pushed(.confirmWorker))"]
            let report = try await test.up(to: "08")
            #expect(!report.succeeded)
            let failure = try #require(report.failures.first { $0.address.key == "ecs_service.public-api" }, "\(report.failures)")
            let line = failure.message
            #expect(!line.contains("\n"), "one line: \(line)")
            #expect(line.contains("deployment of public-api failed"), "\(line)")
            #expect(line.contains("CannotPullContainerError"), "\(line)")
            #expect(report.failures.allSatisfy { $0.address.key == "ecs_service.public-api" }, "\(report.failures)")
            #expect(try await test.down().succeeded)
        }

        @Test("a secret the execution role may not read: ResourceInitializationError with AccessDenied, named by up")
        func unreadableSecret() async throws {
            let test = try TestStack("ldpsec", extraYAML: LocalDataPlaneTests.services, cidrs: TestStack.isolatedRanges())
            defer { test.removeFiles() }
            let agent = try test.dataPlane()
            let running = Task { try await agent.run() }
            defer { running.cancel() }
            #expect(try await test.up(to: "08").succeeded)

            // ap-northeast-1's execution role keeps its managed policy (logs, ECR) but loses the
            // grant on the stack's secrets; then public-api's definition changes, so new tasks start.
            _ = try await test.client("ap-northeast-1").query(.iam, "DeleteRolePolicy", [
                "RoleName": "\(test.name)-apne1-task-execution", "PolicyName": "read-task-secrets",
            ])
            try test.writeStack(services: LocalDataPlaneTests.services.replacingOccurrences(
                of: "public-api: {desiredCount: 1, minCount: 1, maxCount: 2, port: 8080, env: {BIND_ANY: \"1\"}}",
                with: "public-api: {desiredCount: 1, minCount: 1, maxCount: 2, port: 8080, env: {BIND_ANY: \"1\", REVISION: \"2\"}}"))
            // Stages 04 and 05 only: stage 02 would repair the role's policy.
            #expect(try await test.up(stage: "04").succeeded)
            let report = try await test.up(stage: "05")
            #expect(!report.succeeded)
            let failure = try #require(report.failures.first { $0.address.key == "ecs_service.public-api" }, "\(report.failures)")
            #expect(failure.address.region == "ap-northeast-1")
            let line = failure.message
            #expect(line.contains("deployment of public-api failed"), "\(line)")
            #expect(line.contains("ResourceInitializationError: unable to pull secrets"), "\(line)")
            #expect(line.contains("AccessDenied"), "\(line)")
            #expect(report.failures.count == 1, "ap-northeast-2's role still reads its secrets: \(report.failures)")
            // Stage 02 puts the grant back (drift repair), so the tasks of the teardown can stop cleanly.
            #expect(try await test.up(stage: "02").succeeded)
            #expect(try await test.down().succeeded)
        }
    }
}

extension TaskNetwork.Naming {
    /// The data plane tests' own names: never `tpsctl local-dataplane`'s (`tpsdp-`), so a test's
    /// start sweeps nothing of a `make demo` running on the same host.
    static let tests = TaskNetwork.Naming(namespacePrefix: "tpsldp-", linkPrefix: "tpsl")
}
