import AWSClient
import E2EScenario
import Foundation
import Provisioning
import Stack
import Stages

/// `tpsctl load run --ecs N`: the load bot's task definition (stage 04) run as N Fargate tasks,
/// shard K of N each, in the worker's private subnets and security group (their traffic leaves
/// through the NAT like the services'). Each task prints its result into its awslogs stream
/// (``LoadResultLog``); this waits for every task to stop and reads the results back. A task
/// that fails is named with ECS's stoppedReason and its last log line.
///
/// Each RunTask carries a client token made of the stack, the common start time and the shard,
/// so re-running the same command with the same `--start-at` (after an interrupted wait) finds
/// the tasks it started instead of starting more.
struct LoadECSRun {
    /// What `up` recorded that the tasks need.
    struct Recorded {
        var cluster: String
        var taskDefinitionArn: String
        var logGroup: String
        var subnets: [String]
        var securityGroup: String
    }

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// The task definition's container and log stream prefix (templates/taskdefs/load-bot.json).
    static let container = LoadBot.name
    /// ECS takes up to a minute to place a Fargate task and pull its image.
    static let lead: TimeInterval = 90
    static let maximumTasks = 100

    let client: AWSClient
    let recorded: Recorded
    let stackName: String
    let start: Date
    /// How long the tasks may take to stop once started: the plan's duration and a margin.
    let timeout: TimeInterval
    let arguments: (LoadShard) -> [String]

    /// The outputs of stages 00, 02 and 04 in `region`; a missing one names the stage to run.
    static func recorded(in store: StateStore, region: RegionName, stackPath: String) async throws -> Recorded {
        let outputs = try await store.outputs(region: region)
        func value(_ output: RecordedOutput) throws -> String {
            let address = output.address
            guard let text = output.value(in: outputs), !text.isEmpty else {
                throw Failed(description: "--stack \(stackPath): \(region) has no \(address.kind).\(address.name) \(output.name) recorded "
                             + "(run tpsctl build, then tpsctl up --region \(region) through stage \(address.stage))")
            }
            return text
        }
        let subnets = RecordedOutput.privateSubnetIds(in: outputs)
        guard !subnets.isEmpty else {
            throw Failed(description: "--stack \(stackPath): \(region) has no private subnet recorded (run tpsctl up --region \(region))")
        }
        return Recorded(
            cluster: try value(.clusterName(in: region)),
            taskDefinitionArn: try value(.loadBotTaskDefinitionARN(in: region)),
            logGroup: try value(.loadBotLogGroup(in: region)),
            subnets: subnets, securityGroup: try value(.workerSecurityGroupId(in: region)))
    }

    /// Every shard's result, once all tasks stopped with exit code 0.
    func run(shards: Int) async throws -> [(file: String, report: LoadReport)] {
        var tasks: [(shard: LoadShard, arn: String)] = []
        do {
            for index in 1...shards {
                let shard = try LoadShard(parsing: "\(index)/\(shards)")
                tasks.append((shard, try await runTask(shard)))
                print("shard \(shard): task \(TaskLogStream.taskId(tasks[tasks.count - 1].arn))")
            }
        } catch {
            // A partial run measures nothing: the shards already started would load the
            // deployment for the whole plan with no one collecting them.
            for (_, arn) in tasks {
                try? await ECS(client: client).stopTask(cluster: recorded.cluster, task: arn,
                                                        reason: "tpsctl load run --ecs: another shard could not start")
            }
            throw error
        }
        let stopped = try await waitForStop(tasks.map(\.arn))
        var results: [(file: String, report: LoadReport)] = []
        var failures: [String] = []
        for (shard, arn) in tasks {
            let task = stopped[arn] ?? [:]
            let lines = try await TaskLogStream(group: recorded.logGroup, prefix: Self.container, container: Self.container,
                                                taskArn: arn).lines(client: client)
            let exitCode = (task["containers"]?.array ?? []).first { $0["name"]?.string == Self.container }?["exitCode"]?.int
            let report: LoadReport?
            do {
                report = exitCode == 0 ? try LoadResultLog.result(in: lines) : nil
            } catch {
                report = nil
                failures.append("shard \(shard) (task \(TaskLogStream.taskId(arn))): \(error)")
                continue
            }
            if let report {
                results.append(("shard \(shard) (task \(TaskLogStream.taskId(arn)))", report))
            } else {
                failures.append(Self.failure(shard: shard, taskArn: arn, task: task, exitCode: exitCode, lines: lines))
            }
        }
        guard failures.isEmpty else { throw Failed(description: failures.joined(separator: "; ")) }
        return results
    }

    /// One line: the shard, its task, how it ended and what it last logged.
    static func failure(shard: LoadShard, taskArn: String, task: JSONValue, exitCode: Int?, lines: [String]) -> String {
        var reasons = [exitCode.map { "exit code \($0)" } ?? "no exit code (the container did not run)"]
        if let reason = task["stoppedReason"]?.string, !reason.isEmpty { reasons.append("stoppedReason: \(reason)") }
        let last = lines.last { !$0.hasPrefix(LoadResultLog.marker) && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return "shard \(shard) (task \(TaskLogStream.taskId(taskArn))) failed: " + reasons.joined(separator: ", ")
            + (exitCode == 0 ? ", no result in its log" : "") + "; last log line: \(last ?? "(none)")"
    }

    private func runTask(_ shard: LoadShard) async throws -> String {
        let token = "\(stackName)-load-\(Int(start.timeIntervalSince1970))-\(shard.index)of\(shard.count)"
        let launch = ECS.FargateTaskLaunch(
            cluster: recorded.cluster, taskDefinition: recorded.taskDefinitionArn,
            startedBy: "tps-load-\(shard.index)of\(shard.count)", clientToken: String(token.suffix(64)),
            subnets: recorded.subnets, securityGroups: [recorded.securityGroup], containerName: Self.container,
            command: arguments(shard))
        switch try await ECS(client: client).runTask(launch) {
        case let .started(arn):
            return arn
        case let .failed(reason):
            throw Failed(description: "shard \(shard): RunTask of \(recorded.taskDefinitionArn) failed: \(reason)")
        case .noTask:
            throw Failed(description: "shard \(shard): RunTask of \(recorded.taskDefinitionArn) returned no task")
        }
    }

    /// DescribeTasks every few seconds until every task is STOPPED; prints each change of state.
    private func waitForStop(_ arns: [String]) async throws -> [String: JSONValue] {
        let deadline = Date().addingTimeInterval(timeout)
        var stopped: [String: JSONValue] = [:]
        var lastStatus: [String: String] = [:]
        while stopped.count < arns.count {
            let pending = arns.filter { stopped[$0] == nil }
            for task in try await ECS(client: client).describeTasks(cluster: recorded.cluster, arns: pending) {
                guard let arn = task["taskArn"]?.string else { continue }
                let status = task["lastStatus"]?.string ?? "unknown"
                if lastStatus[arn] != status {
                    print("task \(TaskLogStream.taskId(arn)): \(status)")
                    lastStatus[arn] = status
                }
                if status == "STOPPED" { stopped[arn] = task }
            }
            guard stopped.count < arns.count else { break }
            guard Date() < deadline else {
                throw Failed(description: "\(arns.count - stopped.count) load task(s) still running after \(Int(timeout)) s: "
                             + arns.filter { stopped[$0] == nil }.map(TaskLogStream.taskId).joined(separator: ", "))
            }
            try await Task.sleep(for: .seconds(5))
        }
        return stopped
    }
}
