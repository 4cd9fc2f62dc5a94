import AWSClient
import ContainerImage
import Foundation
import Logging
import NIOCore
import NIOPosix

/// The local data plane's ECS agent: for each cluster it serves, it attaches to the local AWS
/// (which then leaves that cluster's tasks to it instead of simulating them), and polls it as
/// ECS's container agent polls ECS: tasks desired RUNNING that it has not taken are started;
/// tasks it runs whose desired status became STOPPED are stopped. The control plane (service
/// scheduler, target registration, circuit breaker) stays in the local AWS.
public actor ECSAgent {
    public struct Cluster: Sendable, Hashable {
        public let region: String
        public let name: String

        public init(region: String, name: String) {
            self.region = region
            self.name = name
        }
    }

    public struct Settings: Sendable {
        /// The local AWS's base URL (its control API attaches clusters).
        public var endpointURL: String
        public var clusters: [Cluster]
        /// Unpacked images, task logs and scratch space.
        public var workDirectory: String
        /// Host loopback ports every task reaches on its own loopback (the stack's local servers).
        public var forwardedPorts: [Int]
        /// How to log in to the registry the task definitions name (the local stand-in for ECR).
        public var registryCredentials: RegistryCredentials
        public var pollInterval: Duration = .milliseconds(500)
        /// The prefixes of its namespaces and links: what it creates, and what its start sweeps.
        public var networkNaming: TaskNetwork.Naming = .project

        public init(endpointURL: String, clusters: [Cluster], workDirectory: String, forwardedPorts: [Int],
                     registryCredentials: RegistryCredentials) {
            self.endpointURL = endpointURL
            self.clusters = clusters
            self.workDirectory = workDirectory
            self.forwardedPorts = forwardedPorts
            self.registryCredentials = registryCredentials
        }
    }

    let settings: Settings
    /// A client per region, signed with the agent's own credentials.
    let clients: [String: AWSClient]
    let logger: Logger
    let host: TaskHost
    /// Its names on the host, held while it runs (see ``TaskNetworkClaim``).
    private var claim: TaskNetworkClaim?
    /// The tasks it runs, by cluster and task ARN.
    private var tasks: [Cluster: [String: RunningTask]] = [:]
    private var definitions: [String: TaskDefinitionView] = [:]

    public init(settings: Settings, client: AWSClient, logger: Logger) {
        self.settings = settings
        var clients: [String: AWSClient] = [:]
        for cluster in settings.clusters where clients[cluster.region] == nil {
            clients[cluster.region] = client.withRegion(cluster.region)
        }
        self.clients = clients
        self.logger = logger
        host = TaskHost(workDirectory: settings.workDirectory,
                        images: ImageCache(directory: settings.workDirectory + "/images", credentials: settings.registryCredentials),
                        forwardedPorts: settings.forwardedPorts, networkNaming: settings.networkNaming, group: MultiThreadedEventLoopGroup.singleton, logger: logger)
    }

    /// Claims its names, sweeps what a dead run left, attaches, then polls until cancelled; on
    /// cancellation stops every task it runs (reporting each STOPPED), detaches and lets the
    /// names go. Throws at once when another live data plane holds the same names.
    public func run() async throws {
        let claim = try TaskNetworkClaim.acquire(settings.networkNaming)
        self.claim = claim
        let swept = try claim.sweep()
        if swept > 0 { logger.info("removed \(swept) task namespaces a previous run left") }
        do {
            for cluster in settings.clusters { try await attach(cluster) }
        } catch {
            await shutDown()
            throw error
        }
        logger.info("serving \(settings.clusters.map { "\($0.region)/\($0.name)" }.joined(separator: ", "))")
        while !Task.isCancelled {
            for cluster in settings.clusters {
                do { try await poll(cluster) } catch {
                    logger.warning("\(cluster.region)/\(cluster.name): \(error)")
                }
            }
            try? await Task.sleep(for: settings.pollInterval)
        }
        await shutDown()
    }

    /// Stops every task (SIGTERM, stopTimeout, SIGKILL), reports them, detaches, sweeps its
    /// names and lets them go.
    public func shutDown() async {
        let all = tasks.values.flatMap(\.values)
        for task in all { await task.requestStop(reason: "Task stopped because the local data plane stopped") }
        for task in all {
            while await !task.finished { try? await Task.sleep(for: .milliseconds(100)) }
        }
        tasks.removeAll()
        for cluster in settings.clusters { try? await detach(cluster) }
        _ = try? claim?.sweep()
        claim?.release()
        claim = nil
    }

    private func poll(_ cluster: Cluster) async throws {
        guard let client = clients[cluster.region] else { return }
        let ecs = ECS(client: client)
        let wanted: [String]
        do {
            wanted = try await ecs.taskArns(cluster: cluster.name, desiredStatus: "RUNNING")
        } catch let error as AWSError where error.code == "ClusterNotFoundException" {
            // Not created yet, or deleted by `down`: nothing to run there.
            wanted = []
        }
        let wantedSet = Set(wanted)
        var mine = tasks[cluster] ?? [:]
        // Tasks that finished by themselves (exit, health) are forgotten once reported.
        for (arn, task) in mine where await task.finished {
            mine[arn] = nil
            draining.remove(arn)
        }
        for (arn, task) in mine where !wantedSet.contains(arn) && !draining.contains(arn) {
            draining.insert(arn)
            let view = task.task
            let drain = TargetDraining(client: client)
            let logger = host.logger
            Task {
                let delay = await drain.delay(group: view.group, cluster: cluster.name)
                if delay > .zero {
                    logger.info("task \(view.id) draining from its target groups for \(delay)")
                    try? await Task.sleep(for: delay)
                }
                await task.requestStop(reason: "Task stopped by the control plane")
            }
        }
        tasks[cluster] = mine
        let new = wanted.filter { mine[$0] == nil && !started.contains($0) }
        guard !new.isEmpty else { return }
        for description in try await ecs.describeTasks(cluster: cluster.name, arns: new) {
            let view = TaskView(description)
            guard description["desiredStatus"]?.string == "RUNNING", description["lastStatus"]?.string != "STOPPED" else { continue }
            let definition = try await definition(view.taskDefinitionArn, client: client)
            let running = RunningTask(task: view, definition: definition, host: host, agentClient: client)
            tasks[cluster, default: [:]][view.arn] = running
            started.insert(view.arn)
            Task { await running.run() }
        }
    }

    /// Every task taken once: a task is never started twice, even while its STOPPED is in flight.
    private var started: Set<String> = []
    /// Tasks the control plane stopped, waiting out their targets' deregistration delay.
    private var draining: Set<String> = []

    private func definition(_ arn: String, client: AWSClient) async throws -> TaskDefinitionView {
        if let known = definitions[arn] { return known }
        let view = TaskDefinitionView(try await ECS(client: client).describeTaskDefinition(arn, includeTags: false).document)
        definitions[arn] = view
        return view
    }

    // MARK: - The local AWS's control API

    private func attach(_ cluster: Cluster) async throws {
        let body = Array(try JSONSerialization.data(withJSONObject: ["region": cluster.region, "cluster": cluster.name]))
        let response = try await HTTPTransport.shared.send(
            method: "POST", url: settings.endpointURL + "/_tps/ecs/data-plane",
            headers: [("Content-Type", "application/json")], body: body, timeout: .seconds(10))
        guard response.status == 200 else {
            throw DataPlaneError.task("attaching \(cluster.region)/\(cluster.name) to \(settings.endpointURL): HTTP \(response.status) \(String(decoding: response.body.prefix(200), as: UTF8.self))")
        }
    }

    private func detach(_ cluster: Cluster) async throws {
        let query = "region=\(cluster.region)&cluster=\(cluster.name)"
        _ = try await HTTPTransport.shared.send(method: "DELETE", url: settings.endpointURL + "/_tps/ecs/data-plane?" + query,
                                                headers: [], body: [], timeout: .seconds(10))
    }
}
