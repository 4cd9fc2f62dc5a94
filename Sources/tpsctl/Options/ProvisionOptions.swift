import AWSClient
import ArgumentParser
import Foundation
import Logging
import Stages

/// The options of `plan`, `up`, `down`, `diff` and `outputs`. They carry the same
/// `--profile`, `--endpoint-url`, `--output` and `-v` as `GlobalOptions`, but `--region` is
/// repeatable here (one command acts on several regions), so the group cannot be reused as is.
struct ProvisionOptions: ParsableArguments {
    @Option(name: .customLong("stack"), help: "The stack file.")
    var stackPath = "stacks/max-tps.yaml"

    @Option(name: .customLong("region"), help: "A region of the stack (repeatable; default: all of them).")
    var regions: [String] = []

    @Flag(help: "Every region of the stack.")
    var allRegions = false

    @Option(help: "Only this stage (e.g. 03 or 03-dataplane).")
    var stage: String?

    @Option(help: "From this stage on.")
    var from: String?

    @Option(help: "Up to this stage (e.g. --to 03 runs 00-03).")
    var to: String?

    @Flag(help: "Take over a stale lock left by a dead run.")
    var forceUnlock = false

    @Option(help: "Where state and outputs are recorded.")
    var stateDir = "infra/out"

    @Option(help: "Named profile of ~/.aws/config and ~/.aws/credentials (overrides AWS_PROFILE).")
    var profile: String?

    @Option(name: .customLong("endpoint-url"),
            help: "Send every AWS request to this URL (default: AWS_ENDPOINT_URL, else the stack's local.endpointURL).")
    var endpointURL: String?

    @Option(name: .customLong("image"),
            help: "<service>=<repository>@sha256:<digest>: deploy this image instead of stage 01's (repeat for each service).")
    var images: [String] = []

    @Option(help: "Output format: text or json.")
    var output: OutputFormat = .text

    @Flag(name: .shortAndLong, help: "Log each AWS request and answer to stderr (never credentials).")
    var verbose = false

    var request: DeploymentRequest {
        var request = DeploymentRequest(stackPath: stackPath, regions: regions, allRegions: allRegions, stage: stage,
                                        from: from, to: to, stateDirectory: stateDir, endpointURL: endpointURL)
        request.images = images
        return request
    }

    /// Validates every input (stack file, flags, AWS configuration) without an AWS call.
    func prepare() throws -> PreparedDeployment {
        let environment = AWSEnvironment.current()
        let deployment = try request.validate(environment: environment.variables)
        let configuration = try AWSConfiguration.load(
            AWSOverrides(region: deployment.regions.first?.region.name, profile: profile,
                         endpointURL: deployment.endpointURL),
            environment: environment)
        let logger = makeLogger()
        let targets = try deployment.targets { region in
            try AWSClient(configuration: configuration, region: region, logger: logger)
        }
        return PreparedDeployment(deployment: deployment, targets: targets)
    }

    func makeLogger() -> Logger {
        guard verbose else { return AWSClient.silentLogger }
        var logger = Logger(label: "tpsctl", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .debug
        return logger
    }
}

/// A validated deployment with its clients: ready for the first AWS call.
struct PreparedDeployment: Sendable {
    let deployment: Deployment
    let targets: [RegionTarget]
}
