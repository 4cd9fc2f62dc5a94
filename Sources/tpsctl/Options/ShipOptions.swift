import ArgumentParser
import Stack

/// The options of `push` and `verify-image`: the deployment and where its state is. No stage
/// flags: shipping acts on stage 01's images only.
struct ShipOptions: ParsableArguments {
    @Option(help: "Only this service (public-api, confirm-api or confirm-worker).", transform: ServiceName.init(flagValue:))
    var service: ServiceName?

    /// `--service`, else every service.
    var services: [ServiceName] { ServiceName.selected(service) }

    @OptionGroup var deployment: DeploymentOptions

    @Option(help: "Where state and outputs are recorded (images are read from <state-dir>/images).")
    var stateDir = "infra/out"

    /// Validates the stack, flags and AWS configuration without an AWS call.
    func prepare() throws -> PreparedDeployment {
        try deployment.prepare(deployment.request(stateDirectory: stateDir))
    }
}
