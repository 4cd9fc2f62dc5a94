import AWSClient
import ArgumentParser
import ContainerImage
import Foundation
import LocalDataPlane
import Logging
import Provisioning
import Stack

/// `tpsctl local-dataplane`: runs what the local AWS schedules, as ECS's agent and Fargate
/// would — each task from its image by digest in its own network namespace with its ENI's
/// address, its secrets, its role's credentials, its health check and its awslogs stream.
/// Beside it, the stack's ALBs: each HTTP listener at its load balancer's loopback address (the
/// `url` output), and its CloudFront distribution at its own loopback address (stage 07's
/// `url` output). Runs until SIGINT/SIGTERM, then stops its tasks and removes their namespaces.
struct LocalDataPlaneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local-dataplane",
        abstract: "Run the local stack's ECS tasks for real (root; until interrupted).",
        discussion: """
            Serves the ECS clusters and the ALBs of a stack with a `local` section in every region. Tasks reach the \
            stack's local servers (local AWS, PostgreSQL, Redis) on their own 127.0.0.1 and the task \
            role's credentials at 169.254.170.2. Each ALB's HTTP listener serves at the `url` that \
            `tpsctl outputs` shows (a 127.x.y.z address). Logs go to stderr; task output to CloudWatch Logs and \
            <work-dir>/tasks/<task id>/.
            """)

    @Option(help: "The stack file (it must have a local section).")
    var stack = "stacks/local.yaml"

    @Option(name: .customLong("work-dir"), help: "Unpacked images and task logs.")
    var workDirectory = "infra/out/dataplane"

    @Option(name: .customLong("access-log-interval"),
            help: "Seconds between deliveries of each ALB's access log to its bucket, when the ALB has them on (ELB: 300).")
    var accessLogIntervalSeconds = 300

    @Flag(name: .customLong("sweep-only"), help: "Remove the namespaces and links a dead run left, then exit.")
    var sweepOnly = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            if sweepOnly {
                let count = try TaskNetworkClaim.acquire(.project).sweep()
                print("removed \(count) task namespaces")
                return
            }
            guard (1...3600).contains(accessLogIntervalSeconds) else {
                throw ValidationError("--access-log-interval: must be 1–3600 seconds, got \(accessLogIntervalSeconds)")
            }
            let stack = try StackLoader.load(path: stack)
            guard let local = stack.local else {
                throw ValidationError("--stack: \(self.stack) has no local section; the local data plane serves local stacks only")
            }
            guard geteuid() == 0 else { throw ValidationError("local-dataplane needs root (network namespaces, chroot)") }
            var overrides = global.overrides
            overrides.endpointURL = overrides.endpointURL ?? local.endpointURL.rawValue
            let environment = AWSEnvironment.current()
            let configuration = try AWSConfiguration.load(overrides, environment: environment)
            let regions = stack.regions.map(\.region)
            let client = try AWSClient(configuration: configuration, region: regions[0].name, logger: global.makeLogger())
            let clusters = regions.map {
                ECSAgent.Cluster(region: $0.name, name: stack.namer(for: $0).name("cluster", limit: .ecsCluster))
            }
            let variables = environment.variables
            let credentials: RegistryCredentials
            if let user = variables["TPS_REGISTRY_USERNAME"], let password = variables["TPS_REGISTRY_PASSWORD"], !user.isEmpty {
                credentials = .basic(username: user, password: password)
            } else {
                credentials = .anonymous
            }
            let ports = [local.endpointURL, local.databaseURL, local.redisURL].compactMap { $0?.port }
            let settings = ECSAgent.Settings(
                endpointURL: overrides.endpointURL!.trimmingCharacters(in: CharacterSet(charactersIn: "/")),
                clusters: clusters, workDirectory: URL(fileURLWithPath: workDirectory).standardizedFileURL.path,
                forwardedPorts: Array(Set(ports)).sorted(), registryCredentials: credentials)
            var logger = Logger(label: "local-dataplane", factory: { StreamLogHandler.standardError(label: $0) })
            logger.logLevel = global.aws.verbose ? .debug : .info
            let agent = ECSAgent(settings: settings, client: client, logger: logger)
            var balancing = LoadBalancerPlane.Settings(regions: regions.map(\.name), namePrefix: "\(stack.name)-")
            balancing.accessLogInterval = .seconds(accessLogIntervalSeconds)
            let loadBalancers = LoadBalancerPlane(settings: balancing, client: client, logger: logger)
            let distributions = DistributionPlane(
                settings: .init(regions: regions.map(\.name), comment: DistributionComment.of(stackName: stack.name)),
                client: client, logger: logger)
            try await Interrupts.cancelling {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await agent.run() }
                    group.addTask { try await loadBalancers.run() }
                    group.addTask { try await distributions.run() }
                    try await group.waitForAll()
                }
            }
        }
    }
}
