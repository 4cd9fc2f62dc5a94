import ArgumentParser
import Foundation
import Provisioning
import Stages

/// The options of `plan`, `up`, `down`, `diff`, `outputs` and `render`: the deployment, the
/// stages to act on and where their state is recorded.
struct ProvisionOptions: ParsableArguments {
    @OptionGroup var deployment: DeploymentOptions

    @Option(help: "Only this stage (e.g. 03 or 03-dataplane).", transform: Stage.init(flagValue:))
    var stage: Stage?

    @Option(help: "From this stage on.", transform: Stage.init(flagValue:))
    var from: Stage?

    @Option(help: "Up to this stage (e.g. --to 03 runs 00-03).", transform: Stage.init(flagValue:))
    var to: Stage?

    @Flag(help: "Take over a stale lock left by a dead run, and the stack's lease in the account before it expires.")
    var forceUnlock = false

    @Option(help: "Where state and outputs are recorded.")
    var stateDir = "infra/out"

    @Option(name: .customLong("image"),
            help: "<service>=<repository>@sha256:<digest>: deploy this image instead of stage 01's (repeat for each service).",
            transform: ImageOverride.init(flagValue:))
    var images: [ImageOverride] = []

    /// The stage flags together: `--stage` alone, or a `--from`/`--to` range that is not empty.
    func validate() throws {
        _ = try StageSelection(stage: stage, from: from, to: to)
    }

    func request() throws -> DeploymentRequest {
        deployment.request(stateDirectory: stateDir, selection: try StageSelection(stage: stage, from: from, to: to),
                           images: images)
    }

    /// Validates every input (stack file, flags, AWS configuration) without an AWS call. The
    /// clients carry the provisioning retry budget; throttling is told on the progress lines.
    func prepare() throws -> PreparedDeployment {
        try deployment.prepare(try request(), provisioning: ProgressPrinter.sink)
    }

    /// How long a lease outlives its holder's last renewal: 60 s; `TPSCTL_LEASE_SECONDS` shortens
    /// it for tests that wait for a killed holder's lease to expire.
    static func leaseTTL(environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration {
        guard let text = environment["TPSCTL_LEASE_SECONDS"], let seconds = Int(text), seconds >= 2 else { return .seconds(60) }
        return .seconds(seconds)
    }

    /// Runs `body` on the stack's resource graph under the state lock and the stack's lease in
    /// the account (`--force-unlock` takes over a stale lock and a lease not yet expired);
    /// SIGINT or SIGTERM cancels it, and both are released either way. `adjust` changes the
    /// deployment before its graph is built (e.g. `down`'s snapshot choice).
    func locked<Value: Sendable>(
        _ command: String, adjust: (inout Deployment) -> Void = { _ in },
        _ body: @escaping @Sendable (Deployment, ResourceGraph) async throws -> Value
    ) async throws -> Value {
        let prepared = try prepare()
        var adjusted = prepared.deployment
        adjust(&adjusted)
        let deployment = adjusted
        let forceUnlock = forceUnlock
        let lease = DeployLease(client: prepared.leaseClient, stack: deployment.stack.name,
                                holder: LeaseHolder(command: "\(command) --state-dir \(stateDir)"), ttl: Self.leaseTTL())
        return try await Interrupts.cancelling {
            try await StateLock.withLock(in: deployment.stateDirectory, command: command, forceUnlock: forceUnlock) {
                try await lease.holding(forceUnlock: forceUnlock) {
                    try await body(deployment, try await deployment.graph(prepared.targets))
                }
            }
        }
    }
}
