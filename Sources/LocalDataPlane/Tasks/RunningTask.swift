import AWSClient
import ContainerImage
import Foundation
import Logging
import NIOCore

/// One ECS task taken by the agent, from PROVISIONING to STOPPED: pull by digest, fetch the
/// secrets with the execution role, make the awsvpc namespace, serve the task role's
/// credentials, start the containers, report RUNNING, watch exits and health checks, and on a
/// stop request (or an essential container's end) stop the rest with SIGTERM, then SIGKILL
/// after their stopTimeout, ship the last log lines and report STOPPED with the real reason.
actor RunningTask {
    let task: TaskView
    let definition: TaskDefinitionView
    let host: TaskHost
    let agentClient: AWSClient
    private var stopRequest: String?
    private(set) var finished = false

    init(task: TaskView, definition: TaskDefinitionView, host: TaskHost, agentClient: AWSClient) {
        self.task = task
        self.definition = definition
        self.host = host
        self.agentClient = agentClient
    }

    /// Asks the task to stop (ECS set its desiredStatus to STOPPED); `run` does the stopping.
    func requestStop(reason: String) {
        if stopRequest == nil { stopRequest = reason }
    }

    private var ecs: ECS { ECS(client: agentClient) }

    /// Runs the task to its end and reports every state change; never throws.
    func run() async {
        let pullStarted = Date()
        try? await ecs.submitTaskStateChange(cluster: task.clusterArn, task: task.arn, status: "PENDING", pullStartedAt: pullStarted)
        var prepared: PreparedTask?
        do {
            prepared = try await prepare()
            try await report("RUNNING", containers: prepared!.containers.map {
                .init(containerName: $0.definition.name, status: "RUNNING", runtimeId: String($0.process.pid), imageDigest: $0.imageDigest)
            }, pullStarted: pullStarted, pullStopped: Date())
            host.logger.info("task \(task.id) running at \(task.privateAddress ?? "-")")
            let reason = await supervise(prepared!)
            await finish(prepared!, reason: reason)
        } catch {
            host.logger.warning("task \(task.id) failed to start: \(error)")
            if let prepared { await prepared.tearDown() }
            await finishUnstarted(reason: String(describing: error))
        }
        finished = true
    }

    // MARK: - Start

    private func prepare() async throws -> PreparedTask {
        guard definition.networkMode == "awsvpc", let address = task.privateAddress else {
            throw DataPlaneError.task("ResourceInitializationError: the local data plane runs awsvpc tasks only (network mode \(definition.networkMode))")
        }
        host.logger.debug("task \(task.id): pulling \(definition.containers.map(\.image))")
        var images: [String: ImageCache.Unpacked] = [:]
        for container in definition.containers where images[container.image] == nil {
            images[container.image] = try await host.images.unpacked(container.image)
        }
        let executionClient = definition.executionRoleArn.map {
            RoleCredentialProvider.client(role: $0, session: "ecs-execution-\(task.id)", agentClient: agentClient)
        } ?? agentClient
        var secrets: [String: [String: String]] = [:]
        for container in definition.containers where !container.secrets.isEmpty {
            guard definition.executionRoleArn != nil else {
                throw DataPlaneError.task("ResourceInitializationError: unable to pull secrets or registry auth: the task definition has secrets but no execution role")
            }
            secrets[container.name] = try await TaskSecrets(executionClient: executionClient).resolve(container.secrets)
        }
        host.logger.debug("task \(task.id): images and secrets ready; creating namespace")
        let network = TaskNetwork(key: task.id, address: address, naming: host.networkNaming)
        try network.create()
        host.logger.debug("task \(task.id): namespace \(network.namespace) at \(address)")
        var prepared = PreparedTask(network: network)
        do {
            for port in host.forwardedPorts {
                let socket = try NamespaceSocket.listen(namespace: network.namespace, host: "127.0.0.1", port: port)
                prepared.channels.append(try await LoopbackForwarder.start(listeningSocket: socket, hostPort: port, group: host.group))
            }
            var ecsEnvironment = ["AWS_DEFAULT_REGION": agentClient.region, "AWS_EXECUTION_ENV": "AWS_ECS_FARGATE"]
            if let taskRole = definition.taskRoleArn {
                let relative = "/v2/credentials/\(UUID().uuidString.lowercased())"
                let provider = CachingCredentialProvider(RoleCredentialProvider(roleArn: taskRole, sessionName: task.id, agentClient: agentClient))
                let socket = try NamespaceSocket.listen(namespace: network.namespace, host: TaskNetwork.credentialsAddress, port: 80)
                prepared.channels.append(try await CredentialsEndpoint.start(
                    listeningSocket: socket, endpoint: CredentialsEndpoint(relativeURI: relative, roleArn: taskRole, provider: provider),
                    group: host.group))
                ecsEnvironment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = relative
            }
            host.logger.debug("task \(task.id): listeners ready; starting containers")
            let directory = host.workDirectory + "/tasks/" + task.id
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for container in definition.containers {
                let image = images[container.image]!
                let override = task.overrides[container.name]
                var environment = ecsEnvironment
                for pair in container.environment { environment[pair.name] = pair.value }
                for (name, value) in override?.environment ?? [:] { environment[name] = value }
                for (name, value) in secrets[container.name] ?? [:] { environment[name] = value }
                let launch = try ContainerLaunch(
                    config: image.config, root: image.root, entryPoint: container.entryPoint,
                    command: override?.command ?? container.command, user: container.user,
                    workingDirectory: container.workingDirectory, environment: environment,
                    networkNamespace: network.namespace)
                let logPath = directory + "/" + container.name + ".log"
                let process = try launch.start(logPath: logPath)
                let shipper = container.logs.map {
                    AwslogsShipper(client: executionClient, destination: $0, containerName: container.name, taskId: task.id, path: logPath)
                }
                let health = container.healthCheck.map {
                    ContainerHealthCheck(check: $0, launch: launch, logPath: directory + "/" + container.name + ".health.log")
                }
                prepared.containers.append(PreparedTask.Container(
                    definition: container, launch: launch, process: process, imageDigest: image.digest.description,
                    shipper: shipper, health: health))
            }
        } catch {
            await prepared.tearDown()
            throw error
        }
        return prepared
    }

    // MARK: - Running

    /// Watches until a stop request, an essential container's exit or a failed health check;
    /// returns the stopped reason ECS would give.
    private func supervise(_ prepared: PreparedTask) async -> String {
        let started = ContinuousClock.now
        var states = prepared.containers.map { container in
            container.definition.healthCheck.map { HealthState(retries: $0.retries, startPeriodEnds: started + $0.startPeriod) }
        }
        var nextProbe = prepared.containers.map { _ in started + .seconds(1) }
        var nextShip = started
        while true {
            if let request = stopRequest { return request }
            let now = ContinuousClock.now
            for container in prepared.containers where container.definition.essential && !container.process.isRunning {
                return "Essential container in task exited"
            }
            for index in prepared.containers.indices {
                guard let check = prepared.containers[index].health, now >= nextProbe[index] else { continue }
                let healthy = await check.probe()
                states[index]?.record(success: healthy, at: ContinuousClock.now)
                nextProbe[index] = ContinuousClock.now + check.check.interval
                if states[index]?.status == .unhealthy, prepared.containers[index].definition.essential {
                    return "Task failed container health checks"
                }
            }
            if now >= nextShip {
                for container in prepared.containers { await container.shipper?.ship() }
                nextShip = now + .seconds(1)
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    // MARK: - Stop

    private func finish(_ prepared: PreparedTask, reason: String) async {
        var changes: [ECS.ContainerStateChange] = []
        for container in prepared.containers {
            let code: Int32
            if container.process.isRunning {
                code = await container.launch.stop(container.process, timeout: container.definition.stopTimeout)
            } else {
                code = container.process.terminationStatus ?? -1
            }
            await container.shipper?.ship(final: true)
            let exitReason = container.definition.essential && reason == "Essential container in task exited" && code != 0
                ? "Essential container exited with code \(code)" : nil
            changes.append(.init(containerName: container.definition.name, status: "STOPPED", exitCode: Int(code),
                                 reason: exitReason, runtimeId: String(container.process.pid), imageDigest: container.imageDigest))
        }
        await prepared.tearDown()
        host.logger.info("task \(task.id) stopped: \(reason)")
        try? await report("STOPPED", reason: reason, containers: changes, stopped: Date())
    }

    private func finishUnstarted(reason: String) async {
        let containers = definition.containers.map { ECS.ContainerStateChange(containerName: $0.name, status: "STOPPED", reason: reason) }
        try? await report("STOPPED", reason: reason, containers: containers, stopped: Date())
    }

    private func report(_ status: String, reason: String? = nil, containers: [ECS.ContainerStateChange],
                        pullStarted: Date? = nil, pullStopped: Date? = nil, stopped: Date? = nil) async throws {
        // The control plane must hear it: a lost STOPPED would leave the task counted as running.
        var attempt = 0
        while true {
            do {
                try await ecs.submitTaskStateChange(cluster: task.clusterArn, task: task.arn, status: status, reason: reason,
                                                    containers: containers, pullStartedAt: pullStarted,
                                                    pullStoppedAt: pullStopped, executionStoppedAt: stopped)
                return
            } catch {
                attempt += 1
                if attempt >= 10 { throw error }
                try? await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
    }
}

/// What a started task holds until it stops: its network, the agent's listeners inside it, and
/// its containers.
struct PreparedTask: Sendable {
    struct Container: Sendable {
        let definition: ContainerDefinitionView
        let launch: ContainerLaunch
        let process: ChildProcess
        let imageDigest: String
        let shipper: AwslogsShipper?
        let health: ContainerHealthCheck?
    }

    let network: TaskNetwork
    var channels: [any Channel] = []
    var containers: [Container] = []

    func tearDown() async {
        for container in containers where container.process.isRunning {
            _ = await container.launch.stop(container.process, timeout: .seconds(1))
        }
        for channel in channels { try? await channel.close() }
        try? network.destroy()
    }
}

/// What the agent shares with all its tasks.
struct TaskHost: Sendable {
    let workDirectory: String
    let images: ImageCache
    /// Host loopback ports reachable from every task's loopback (the stack's local servers).
    let forwardedPorts: [Int]
    let networkNaming: TaskNetwork.Naming
    let group: any EventLoopGroup
    let logger: Logger
}
