import AWSClient
import ArgumentParser
import Provisioning
import Stages

/// The stack, which of its regions to act on and how to reach AWS: the options every command
/// that works on a deployment shares (`@OptionGroup var deployment: DeploymentOptions`). The
/// state directory and stage flags stay with each command: their help says what the command
/// keeps there (shipping reads images from it), and only provisioning selects stages.
struct DeploymentOptions: ParsableArguments {
    @Option(name: .customLong("stack"), help: "The stack file.")
    var stackPath = "stacks/max-tps.yaml"

    @Option(name: .customLong("region"), help: "A region of the stack (repeatable; default: all of them).")
    var regions: [String] = []

    @Flag(help: "Every region of the stack.")
    var allRegions = false

    @OptionGroup var aws: AWSAccessOptions

    /// The request as typed, with the command's own state directory, stages and images.
    func request(stateDirectory: String, selection: StageSelection = .all, images: [ImageOverride] = []) -> DeploymentRequest {
        var request = DeploymentRequest(stackPath: stackPath, regions: regions, allRegions: allRegions, selection: selection,
                                        stateDirectory: stateDirectory, endpointURL: aws.endpointURL)
        request.images = images
        return request
    }

    /// Validates every input (stack file, flags, AWS configuration) without an AWS call.
    /// `provisioning`: the clients get `ProvisioningRetryBudget` and tell `events` when a
    /// throttled service slows down.
    func prepare(_ request: DeploymentRequest, provisioning events: EventSink? = nil) throws -> PreparedDeployment {
        let environment = AWSEnvironment.current()
        let deployment = try request.validate(environment: environment.variables)
        // The endpoint is the one the deployment chose (flag, else the stack's local section);
        // the configuration's resolver checks it, once, with the other endpoint settings.
        let home = deployment.stack.homeRegion.name
        let configuration = try AWSConfiguration.load(
            AWSOverrides(region: home, profile: aws.profile, endpointURL: deployment.endpointURL), environment: environment)
        let retry = try events.map { _ in
            try ProvisioningRetryBudget.applied(to: configuration.retry, environment: environment)
        }
        let observer = events.map { sink in { @Sendable (change: SendRateChange) in sink.emit(.throttled(change)) } }
        // One client and one credential chain, in the home region where the deploy lease lives
        // whichever regions this run acts on; each region's client shares its credentials cache
        // and signing keys (`withRegion`), so a multi-region run asks for credentials once.
        let homeClient = try AWSClient(configuration: configuration, region: home, logger: aws.makeLogger(), retry: retry,
                                       rateObserver: observer)
        let targets = try deployment.targets { region in homeClient.withRegion(region) }
        return PreparedDeployment(deployment: deployment, targets: targets, leaseClient: homeClient)
    }
}
