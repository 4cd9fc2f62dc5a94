import ArgumentParser
import Logging

/// How to reach AWS: the flags of every command that calls it, declared once (`GlobalOptions`
/// and `DeploymentOptions` both carry this group).
struct AWSAccessOptions: ParsableArguments {
    @Option(help: "Named profile of ~/.aws/config and ~/.aws/credentials (overrides AWS_PROFILE).")
    var profile: String?

    @Option(name: .customLong("endpoint-url"),
            help: "Send every AWS request to this URL (default: AWS_ENDPOINT_URL, else a stack's local.endpointURL).")
    var endpointURL: String?

    @Flag(name: .shortAndLong, help: "Log each AWS request and answer to stderr (never credentials).")
    var verbose = false

    /// `-v` logs at debug level to stderr; otherwise nothing is logged.
    func makeLogger() -> Logger {
        CommandLogger.make(verbose: verbose)
    }
}
