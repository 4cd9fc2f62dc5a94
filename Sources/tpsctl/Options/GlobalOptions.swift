import AWSClient
import ArgumentParser
import Logging

/// The options every subcommand shares (`@OptionGroup var global: GlobalOptions`).
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("region"),
            help: "AWS region; repeat for several (overrides AWS_REGION, AWS_DEFAULT_REGION and the profile's region).")
    var regions: [String] = []

    @Option(help: "Named profile of ~/.aws/config and ~/.aws/credentials (overrides AWS_PROFILE).")
    var profile: String?

    @Option(name: .customLong("endpoint-url"), help: "Send every AWS request to this URL (e.g. a local emulator).")
    var endpointURL: String?

    @Option(help: "Output format: text or json.")
    var output: OutputFormat = .text

    @Flag(name: .shortAndLong, help: "Log each AWS request and answer to stderr (never credentials).")
    var verbose = false

    var overrides: AWSOverrides {
        AWSOverrides(region: regions.first, profile: profile, endpointURL: endpointURL)
    }

    /// The regions to work in: every `--region` given (each checked), else the configured one.
    func resolvedRegions(_ configuration: AWSConfiguration) throws -> [ResolvedRegion] {
        guard !regions.isEmpty else { return [try configuration.requireRegion()] }
        return try regions.map { name in
            guard AWSPartition.isKnownRegion(name) else {
                throw AWSConfigurationError.unknownRegion(name: name, source: "--region")
            }
            return ResolvedRegion(name: name, source: "--region")
        }
    }

    /// Flags, environment and shared files, checked before any request.
    func loadConfiguration(environment: AWSEnvironment = .current()) throws -> AWSConfiguration {
        try AWSConfiguration.load(overrides, environment: environment)
    }

    /// `-v` logs at debug level to stderr; otherwise nothing is logged.
    func makeLogger() -> Logger {
        CommandLogger.make(verbose: verbose)
    }
}
