import AWSClient
import ArgumentParser
import Foundation
import Logging
import Stages

/// The options of `push` and `verify-image`: the stack, its regions, where state is, and how
/// to reach AWS. No stage flags: shipping acts on stage 01's images only.
struct ShipOptions: ParsableArguments {
    @Option(help: "Only this service (public-api, confirm-api or confirm-worker).")
    var service: String?

    @Option(name: .customLong("stack"), help: "The stack file.")
    var stackPath = "stacks/max-tps.yaml"

    @Option(name: .customLong("region"), help: "A region of the stack (repeatable; default: all of them).")
    var regions: [String] = []

    @Flag(help: "Every region of the stack.")
    var allRegions = false

    @Option(help: "Where state and outputs are recorded (images are read from <state-dir>/images).")
    var stateDir = "infra/out"

    @Option(help: "Named profile of ~/.aws/config and ~/.aws/credentials (overrides AWS_PROFILE).")
    var profile: String?

    @Option(name: .customLong("endpoint-url"),
            help: "Send every AWS request to this URL (default: AWS_ENDPOINT_URL, else the stack's local.endpointURL).")
    var endpointURL: String?

    @Flag(name: .shortAndLong, help: "Log each AWS request and answer to stderr (never credentials).")
    var verbose = false

    /// Validates the stack, flags and AWS configuration without an AWS call.
    func prepare() throws -> PreparedDeployment {
        let environment = AWSEnvironment.current()
        let request = DeploymentRequest(stackPath: stackPath, regions: regions, allRegions: allRegions,
                                        stateDirectory: stateDir, endpointURL: endpointURL)
        let deployment = try request.validate(environment: environment.variables)
        let configuration = try AWSConfiguration.load(
            AWSOverrides(region: deployment.regions.first?.region.name, profile: profile, endpointURL: deployment.endpointURL),
            environment: environment)
        var logger = AWSClient.silentLogger
        if verbose {
            logger = Logger(label: "tpsctl", factory: { StreamLogHandler.standardError(label: $0) })
            logger.logLevel = .debug
        }
        let targets = try deployment.targets { [logger] region in
            try AWSClient(configuration: configuration, region: region, logger: logger)
        }
        return PreparedDeployment(deployment: deployment, targets: targets)
    }
}
