import Logging

/// Settings the user passes on the command line; they beat the environment and the files.
public struct AWSOverrides: Sendable, Equatable {
    public var region: String?
    public var profile: String?
    public var endpointURL: String?

    public init(region: String? = nil, profile: String? = nil, endpointURL: String? = nil) {
        self.region = region; self.profile = profile; self.endpointURL = endpointURL
    }
}

/// Everything resolved from flags, environment and shared files, checked up front so a bad
/// setting fails before the first request with a one-line error naming its source.
public struct AWSConfiguration: Sendable {
    public var environment: AWSEnvironment
    public var files: SharedConfigFiles
    public var profileName: String
    /// `--profile`, `AWS_PROFILE`, or `default`.
    public var profileSource: String
    /// The profile's merged settings; `nil` when the (default) profile is defined nowhere.
    public var profile: Profile?
    public var region: ResolvedRegion?
    public var endpoints: EndpointResolver
    public var retry: RetryConfiguration
    /// `true` when `--profile` was given: then only that profile supplies credentials (as the AWS CLI does).
    public var profileIsExplicitFlag: Bool

    public static func load(_ overrides: AWSOverrides = AWSOverrides(),
                            environment: AWSEnvironment = .current()) throws -> AWSConfiguration {
        let files = try SharedConfigFiles.load(environment: environment)
        var profileName = "default"
        var profileSource = "default"
        if let flag = overrides.profile {
            profileName = flag
            profileSource = "--profile"
        } else if let variable = environment["AWS_PROFILE"] {
            profileName = variable
            profileSource = "AWS_PROFILE"
        }
        let profile = files.profile(profileName)
        if profile == nil, profileSource != "default" {
            throw AWSConfigurationError.profileNotFound(name: profileName, source: profileSource, searched: files.displayPaths)
        }
        return AWSConfiguration(
            environment: environment, files: files, profileName: profileName, profileSource: profileSource,
            profile: profile,
            region: try RegionResolver.resolve(flag: overrides.region, environment: environment, profile: profile),
            endpoints: try EndpointResolver(explicitURL: overrides.endpointURL, environment: environment, profile: profile,
                                            files: files),
            retry: try RetryConfiguration.resolve(environment: environment, profile: profile),
            profileIsExplicitFlag: overrides.profile != nil)
    }

    /// The region, or a one-line error saying how to set one.
    public func requireRegion() throws -> ResolvedRegion {
        guard let region else { throw AWSConfigurationError.missingRegion(profile: profileName) }
        return region
    }

    public func providerContext(transport: HTTPTransport = .shared, logger: Logger = AWSClient.silentLogger) -> CredentialProviderContext {
        CredentialProviderContext(environment: environment, files: files, region: region?.name, endpoints: endpoints,
                                  retry: retry, transport: transport, logger: logger)
    }

    /// The SDKs' default chain — environment, web identity, the profile, ECS container,
    /// EC2 instance metadata — behind a refreshing cache. With `--profile`, the profile alone.
    public func defaultCredentialProvider(transport: HTTPTransport = .shared,
                                          logger: Logger = AWSClient.silentLogger) -> CachingCredentialProvider {
        let context = providerContext(transport: transport, logger: logger)
        let profileProvider = ProfileCredentialProvider(profileName: profileName, context: context)
        if profileIsExplicitFlag {
            return CachingCredentialProvider(CredentialProviderChain([profileProvider]))
        }
        return CachingCredentialProvider(CredentialProviderChain([
            EnvironmentCredentialProvider(environment: environment),
            WebIdentityCredentialProvider(context: context),
            profileProvider,
            ContainerCredentialProvider(environment: environment, transport: transport),
            InstanceMetadataCredentialProvider(environment: environment, profile: profile, transport: transport),
        ]))
    }
}
