import AWSClient
import Foundation
import LocalDataPlane
import Provisioning
import Stack
import Testing
import TpsctlTestSupport
@testable import StagesTestSupport

extension ServiceStages {
    /// The whole local deployment, as `make demo` makes it: the services' real images, `up` of
    /// stages 00-08 in both regions, the data plane running what they deploy, and the E2E scenario
    /// through the distribution. Then what must hold of that deployment when parts of it fail.
    /// One deployment serves every case (it takes a minute and more to make); nested in
    /// ServiceStages so it never runs beside the other suites deploying stages 04-05.
    @Suite("The whole local deployment", .serialized)
    struct LocalDeploymentTests {
        /// Names of its own: the data plane of `make demo` (`tpsdp-`) and the other suites' are
        /// never swept by this one, nor this one's by theirs.
        static let naming = TaskNetwork.Naming(namespacePrefix: "tpsdep-", linkPrefix: "tpsx")

        @Test("up 00-08 in both regions runs the real services, verifying PostgreSQL's and Redis's certificates; the E2E scenario passes through the distribution; ap-northeast-1's public-api at 0 still serves summaries from ap-northeast-2; a task role without sqs:SendMessage gives a 5xx problem and AccessDenied in the log, restored it works; a SIGKILLed task leaves the ALB's rotation within its thresholds and is replaced; load run --ecs 2 runs two load-bot tasks and merges their results, a failing shard is named with its last log line; down leaves no task process, namespace or link")
        func wholeDeployment() async throws {
            try await LocalDeployment.with("dep", naming: Self.naming) { deployment in
                let started = ContinuousClock.now
                let up = try await deployment.test.up(to: "08")
                try #require(up.succeeded, "up failed: \(up.failures)")
                let deployed = ContinuousClock.now
                // As on ECS, stage 05's wait ends once the tasks' targets pass the ALB health checks,
                // so the deployment serves as soon as up returns.
                let groups = await deployment.loadBalancers.targetStatuses()
                #expect(groups.count == 4 && groups.values.allSatisfy { $0.values.contains(.healthy) },
                        "every target group of both ALBs has a healthy target when up returns: \(groups)")

                let first = try await deployment.e2e()
                #expect(first.passed, "the E2E scenario through the distribution: \(first.result.stdout)\(first.result.stderr)")
                #expect(first.report["publicURL"] as? String == (try await deployment.distributionURL()).absoluteString,
                        "the entry point is the distribution's recorded url")
                try await Self.verifiedInTransit(deployment)

                try await Self.failover(deployment)
                try await Self.taskRoleDenied(deployment)
                try await Self.killedTask(deployment)
                try await Self.loadOnECS(deployment)

                let pids = try await Self.taskPids(deployment)
                let down = try await deployment.test.down()
                #expect(down.succeeded, "down failed: \(down.failures)")
                _ = try await Self.eventually("no task process is left after down") {
                    pids.allSatisfy { kill($0, 0) != 0 && errno == ESRCH } ? true : nil
                }
                _ = try await Self.eventually("no namespace or link of this deployment is left after down") {
                    try TaskNetwork.existing(Self.naming).isEmpty && HostIP.links(prefix: Self.naming.linkPrefix).isEmpty ? true : nil
                }
                print("local deployment: up 00-08 \(deployed - started), whole case \(ContinuousClock.now - started)")
            }
        }

        // MARK: - The cases, in the order they run on the shared deployment

        /// ap-northeast-1's public-api scaled to 0: its ALB has nothing to route /public/* to, so the
        /// summary behaviour's origin group fails over to ap-northeast-2. Restored with two tasks,
        /// which the SIGKILL case needs.
        static func failover(_ deployment: LocalDeployment) async throws {
            let ecs = ECS(client: try deployment.test.client("ap-northeast-1"))
            let cluster = deployment.cluster("ap-northeast-1")
            _ = try await ecs.updateService(["cluster": .string(cluster), "service": "public-api", "desiredCount": 0])
            _ = try await eventually("ap-northeast-1's public-api has no healthy target") {
                await publicTargets(deployment).values.contains(.healthy) ? nil : true
            }
            // A path no request fetched yet, so the answer cannot come from the edge cache.
            let path = "/public/summary/evt-0002/S03"
            let primary = try await deployment.loadBalancerURL("ap-northeast-1")
            let direct = try await RawHTTPClient.request(host: primary.host!, port: primary.port ?? 80, path: path,
                                                         headers: [try await deployment.originHeader()])
            #expect(direct.status >= 500, "the primary origin alone fails: \(direct.status)")
            let edge = try await deployment.distributionURL()
            let answer = try await RawHTTPClient.request(host: edge.host!, port: edge.port ?? 80, path: path)
            #expect(answer.status == 200, "through the distribution, from ap-northeast-2: \(answer.status) \(answer.text)")
            #expect(answer.header("X-Cache") == "Miss from cloudfront", "fetched from an origin, not the cache")
            #expect(answer.text.contains("evt-0002"), "the section's summary: \(answer.text)")

            _ = try await ecs.updateService(["cluster": .string(cluster), "service": "public-api", "desiredCount": 2])
            _ = try await eventually("ap-northeast-1's public-api has two healthy targets again") {
                await publicTargets(deployment).values.filter { $0 == .healthy }.count == 2 ? true : nil
            }
        }

        /// confirm-api's task role in ap-northeast-1 loses sqs:SendMessage: POST /confirm/commit
        /// answers a 5xx problem and the service's awslogs stream shows AccessDenied. The local AWS
        /// evaluates the role's policies as they are at each request (as IAM does for a session), so
        /// the running task's cached credentials feel it at once. Stage 02 puts the grant back.
        static func taskRoleDenied(_ deployment: LocalDeployment) async throws {
            let client = try deployment.test.client("ap-northeast-1")
            let role = "\(deployment.test.name)-apne1-task-confirm-api"
            let policy = try await client.query(.iam, "GetRolePolicy", ["RoleName": role, "PolicyName": "task"])
            let document = try #require(policy.string("PolicyDocument"), "\(role) has no inline policy `task`")
            let reduced = try withoutAction("sqs:SendMessage", in: document)
            let removedAt = Date()
            _ = try await client.query(.iam, "PutRolePolicy", ["RoleName": role, "PolicyName": "task", "PolicyDocument": reduced])

            let denied = try await deployment.e2e()
            #expect(!denied.passed)
            #expect(denied.failedStep == "commit", "the step that sends to the commit queue fails: \(denied.result.stdout)")
            let status = try #require(denied.status(of: "commit"), "\(denied.report)")
            #expect((500..<600).contains(status), "a 5xx: \(status)")
            let failure = denied.report["failure"] as? String ?? ""
            #expect(failure.range(of: "\(status) [a-z]+(-[a-z]+)*", options: .regularExpression) != nil,
                    "a problem+json answer (its code, not a raw body): \(failure)")
            let group = "/tps/\(deployment.test.name)/apne1/confirm-api"
            let line = try await eventually("confirm-api's log shows AccessDenied") {
                try await logMessages(client, group: group, since: removedAt).first { $0.contains("AccessDenied") }
            }
            #expect(line.contains("SendMessage") || line.contains("sqs"), "the denied call is named: \(line)")

            #expect(try await deployment.test.up(stage: "02").succeeded, "stage 02 restores the role's policy")
            let restored = try await deployment.e2e()
            #expect(restored.passed, "with the grant back the scenario passes again: \(restored.result.stdout)")
        }

        /// One of ap-northeast-1's two public-api tasks killed with SIGKILL: the ALB takes it out of
        /// rotation within interval × unhealthyThreshold (plus a check's slack), every request
        /// after that is answered 200 by the other, and the scheduler starts a replacement.
        static func killedTask(_ deployment: LocalDeployment) async throws {
            let ecs = ECS(client: try deployment.test.client("ap-northeast-1"))
            let cluster = deployment.cluster("ap-northeast-1")
            let running = try await ecs.describeTasks(cluster: cluster, arns: try await ecs.taskArns(cluster: cluster, desiredStatus: "RUNNING"))
            let victim = try #require(running.first { $0["group"]?.string == "service:public-api" })
            let victimArn = try #require(victim["taskArn"]?.string)
            let victimAddress = try #require(LocalDataPlaneTests.address(victim))
            let pid = try #require(victim["containers"]?[0]?["runtimeId"]?.string.flatMap { pid_t($0) }, "runtimeId is the pid: \(victim)")
            let killedAt = ContinuousClock.now
            #expect(kill(pid, SIGKILL) == 0)
            _ = try await eventually("the killed target takes no traffic") {
                await publicTargets(deployment).first { $0.key.hasPrefix(victimAddress + ":") }?.value != .healthy ? true : nil
            }
            #expect(ContinuousClock.now - killedAt < .seconds(5 * 2 + 5 + 5), "out of rotation within the thresholds")
            let url = try await deployment.loadBalancerURL("ap-northeast-1")
            let originHeader = try await deployment.originHeader()
            for attempt in 1...20 {
                let answer = try await RawHTTPClient.request(host: url.host!, port: url.port ?? 80, path: "/public/health",
                                                             headers: [originHeader])
                #expect(answer.status == 200, "request \(attempt) once the killed task is out of rotation: \(answer.status)")
            }
            let stopped = try #require(try await ecs.describeTasks(cluster: cluster, arns: [victimArn]).first)
            #expect(stopped["containers"]?[0]?["exitCode"]?.int == 137, "\(stopped)")
            _ = try await eventually("the scheduler's replacement is healthy behind the ALB") {
                await publicTargets(deployment).values.filter { $0 == .healthy }.count == 2 ? true : nil
            }
        }

        /// `load run --ecs 2`: two load-bot tasks (stage 01's image of tpsctl, stage 04's task
        /// definition) run one step from the common start, print their results into their awslogs
        /// streams, and tpsctl merges them, each task's own CPU with it. Then a shard that cannot
        /// reach its target: the run fails naming the shard, its task and its last log line.
        static func loadOnECS(_ deployment: LocalDeployment) async throws {
            let report = deployment.test.directory.appendingPathComponent("load-ecs.md")
            let run = try await deployment.loadOnECS(rate: 40, report: report)
            #expect(run.status == 0, "load run --ecs 2: \(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("2 load-bot task(s) in ap-northeast-1"), "\(run.stdout)")
            let json = report.deletingPathExtension().appendingPathExtension("json")
            let result = try #require(try? JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any],
                                      "the merged result at \(json.path): \(run.stdout)\(run.stderr)")
            let step = try #require((result["steps"] as? [[String: Any]])?.first, "\(result)")
            let shards = step["shards"] as? [[String: Any]] ?? []
            #expect(Set(shards.compactMap { $0["shard"] as? Int }) == [1, 2], "both tasks' results merged: \(shards)")
            for shard in shards {
                let requests = (shard["requests"] as? NSNumber)?.doubleValue ?? 0
                let seconds = (shard["seconds"] as? NSNumber)?.doubleValue ?? 0
                let cpu = (shard["cpuSeconds"] as? NSNumber)?.doubleValue
                #expect(requests > 0, "the task sent its share: \(shard)")
                #expect(cpu != nil, "the task's own CPU is recorded: \(shard)")
                print("load bot on the local data plane: shard \(shard["shard"] ?? "?"): \(requests / max(seconds, 0.001)) req/s, "
                      + "\((cpu ?? 0) / max(seconds, 0.001)) cores")
            }
            #expect(FileManager.default.fileExists(atPath: report.path), "the report is written")

            let failing = try await TpsctlChild.run(
                ["load", "run", "--ecs", "1", "--region", "ap-northeast-1", "--stack", deployment.test.stackFile.path,
                 "--state-dir", deployment.test.stateDirectory.path, "--public", "http://127.0.0.1:9", "--confirm", "http://127.0.0.1:9",
                 "--rates", "5", "--step-seconds", "5", "--start-at", String(Int(Date().timeIntervalSince1970) + 10),
                 "--report", deployment.test.directory.appendingPathComponent("load-failing.md").path],
                environment: deployment.tpsctlEnvironment)
            #expect(failing.status != 0)
            let line = failing.stderr.split(separator: "\n").last.map(String.init) ?? ""
            #expect(line.contains("shard 1/1 (task ") && line.contains("failed: exit code 1"), "the shard and its exit: \(failing.stderr)")
            #expect(line.contains("last log line: tpsctl: error: load: preparing the fixture failed"), "its last log line: \(line)")
        }

        // MARK: - Reads

        /// ap-northeast-1's public-api target group as the ALB plane sees it: target → health.
        static func publicTargets(_ deployment: LocalDeployment) async -> [String: TargetHealthState.Status] {
            await deployment.loadBalancers.targetStatuses()
                .first { $0.key.contains(":ap-northeast-1:") && $0.key.contains("public") }?.value ?? [:]
        }

        /// The pids of every running task of both clusters (each container's runtimeId).
        static func taskPids(_ deployment: LocalDeployment) async throws -> [pid_t] {
            var pids: [pid_t] = []
            for region in ["ap-northeast-1", "ap-northeast-2"] {
                let ecs = ECS(client: try deployment.test.client(region))
                let cluster = deployment.cluster(region)
                for task in try await ecs.describeTasks(cluster: cluster, arns: try await ecs.taskArns(cluster: cluster, desiredStatus: "RUNNING")) {
                    pids += (task["containers"]?.array ?? []).compactMap { $0["runtimeId"]?.string.flatMap { pid_t($0) } }
                }
            }
            #expect(pids.count >= 6, "every service runs in both regions: \(pids)")
            return pids
        }

        /// The messages a log group received since `since` (every stream), as CloudWatch Logs has them.
        static func logMessages(_ client: AWSClient, group: String, since: Date) async throws -> [String] {
            let output = try await client.json(.cloudWatchLogs, "FilterLogEvents", [
                "logGroupName": .string(group), "startTime": .number((since.timeIntervalSince1970 * 1000).rounded(.down)),
            ])
            return (output["events"]?.array ?? []).compactMap { $0["message"]?.string }
        }

        /// An IAM policy document without `action` in any statement (statements left empty dropped).
        static func withoutAction(_ action: String, in document: String) throws -> String {
            let text = document.removingPercentEncoding ?? document
            var policy = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let statements = (policy["Statement"] as? [[String: Any]] ?? []).compactMap { statement -> [String: Any]? in
                var statement = statement
                let actions = (statement["Action"] as? [String] ?? [statement["Action"] as? String].compactMap { $0 }).filter { $0 != action }
                statement["Action"] = actions
                return actions.isEmpty ? nil : statement
            }
            #expect(statements.count == (policy["Statement"] as? [Any])?.count, "\(action) was one action among others")
            policy["Statement"] = statements
            return String(decoding: try JSONSerialization.data(withJSONObject: policy), as: UTF8.self)
        }

        static func eventually<T>(_ what: String, _ probe: () async throws -> T?) async throws -> T {
            try await LocalDataPlaneTests.eventually(what, probe)
        }
    }
}
