import AWSClient
import ArgumentParser
import Logging

/// The options every subcommand shares (`@OptionGroup var global: GlobalOptions`).
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("region"),
            help: "AWS region; repeat for several (overrides AWS_REGION, AWS_DEFAULT_REGION and the profile's region).")
    var regions: [String] = []

    @OptionGroup var aws: AWSAccessOptions

    @Option(help: "Output format: text or json.")
    var output: OutputFormat = .text

    var overrides: AWSOverrides {
        AWSOverrides(region: regions.first, profile: aws.profile, endpointURL: aws.endpointURL)
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

    func makeLogger() -> Logger {
        aws.makeLogger()
    }
}
