import FoundationEssentials

/// Where one service's requests go, the region they are signed for, and which setting chose it.
public struct ResolvedEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// Scheme, host, optional port and base path, without a trailing slash.
    public var url: String
    public var signingRegion: String
    /// `--endpoint-url`, `AWS_ENDPOINT_URL_SQS`, `AWS_ENDPOINT_URL`, a profile setting, or `default`.
    public var source: String

    public var description: String { "\(url) (from \(source))" }
}

/// Resolves service endpoints with the SDKs' precedence:
/// `--endpoint-url` > AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > the profile's
/// `[services]` entry > the profile's `endpoint_url` > the real regional endpoint.
/// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / `ignore_configured_endpoint_urls` switch off the
/// environment and profile settings (never `--endpoint-url`).
public struct EndpointResolver: Sendable {
    public var explicitURL: String?
    public var environment: AWSEnvironment
    public var profile: Profile?
    /// The `[services <name>]` section the profile's `services` key points at.
    public var servicesSection: INISection?
    public var servicesDisplayPath: String

    public init(explicitURL: String?, environment: AWSEnvironment, profile: Profile?, files: SharedConfigFiles) throws {
        self.explicitURL = explicitURL
        self.environment = environment
        self.profile = profile
        self.servicesDisplayPath = files.config.displayPath
        if let name = profile?["services"] {
            guard let section = files.servicesSection(name) else {
                throw AWSConfigurationError.invalidProfile(
                    name: profile?.name ?? "", location: profile?.location(of: "services") ?? "",
                    reason: "services = \(name) names no '[services \(name)]' section")
            }
            self.servicesSection = section
        }
        if let explicitURL { _ = try Self.validated(explicitURL, source: "--endpoint-url") }
    }

    /// Only the explicit URL and defaults; used where no configuration files apply.
    public init(explicitURL: String? = nil, environment: AWSEnvironment = AWSEnvironment()) {
        self.explicitURL = explicitURL
        self.environment = environment
        self.profile = nil
        self.servicesSection = nil
        self.servicesDisplayPath = ""
    }

    /// Whether configured (non-flag) endpoint settings are ignored.
    public var ignoresConfiguredEndpoints: Bool {
        if let fromEnvironment = environment.flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") { return fromEnvironment }
        return profile?.flag("ignore_configured_endpoint_urls") ?? false
    }

    public func resolve(_ service: ServiceDescriptor, region: String) throws -> ResolvedEndpoint {
        let signingRegion = Self.signingRegion(for: service, region: region)
        if let explicitURL {
            return ResolvedEndpoint(url: try Self.validated(explicitURL, source: "--endpoint-url"),
                                    signingRegion: signingRegion, source: "--endpoint-url")
        }
        if !ignoresConfiguredEndpoints, let (url, source) = configuredURL(for: service) {
            return ResolvedEndpoint(url: try Self.validated(url, source: source), signingRegion: signingRegion, source: source)
        }
        return ResolvedEndpoint(url: Self.defaultURL(for: service, region: region), signingRegion: signingRegion, source: "default")
    }

    private func configuredURL(for service: ServiceDescriptor) -> (String, String)? {
        let serviceVariable = "AWS_ENDPOINT_URL_" + service.environmentKey
        if let url = environment[serviceVariable] { return (url, serviceVariable) }
        if let url = environment["AWS_ENDPOINT_URL"] { return (url, "AWS_ENDPOINT_URL") }
        if let section = servicesSection, let entry = section.properties[service.configKey],
           let url = entry.subProperties["endpoint_url"], !url.isEmpty
        {
            return (url, "[\(section.name)] \(service.configKey).endpoint_url (\(servicesDisplayPath):\(entry.line))")
        }
        if let profile, let url = profile["endpoint_url"] {
            return (url, "profile '\(profile.name)' endpoint_url (\(profile.location(of: "endpoint_url")))")
        }
        return nil
    }

    /// Global services sign for their partition's home region; the rest for the client's region.
    public static func signingRegion(for service: ServiceDescriptor, region: String) -> String {
        guard service.isGlobal else { return region }
        let partition = AWSPartition.containing(region) ?? .aws
        return partition.globalEndpoints[service.endpointPrefix]?.signingRegion
            ?? AWSPartition.aws.globalEndpoints[service.endpointPrefix]?.signingRegion ?? region
    }

    /// The real endpoint: `https://<prefix>.<region>.<dnsSuffix>`, or the partition's global host.
    public static func defaultURL(for service: ServiceDescriptor, region: String) -> String {
        let partition = AWSPartition.containing(region) ?? .aws
        if service.isGlobal,
           let global = partition.globalEndpoints[service.endpointPrefix] ?? AWSPartition.aws.globalEndpoints[service.endpointPrefix]
        {
            return "https://\(global.host)"
        }
        return "https://\(service.endpointPrefix).\(region).\(partition.dnsSuffix)"
    }

    /// Accepts `http(s)://host[:port][/base]`; returns it without a trailing slash.
    static func validated(_ url: String, source: String) throws -> String {
        let trimmed = url.trimmingWhitespace()
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil
        else {
            throw AWSConfigurationError.invalidSetting(
                name: "endpoint URL", value: url, source: source, expected: "an http:// or https:// URL with a host")
        }
        var result = trimmed
        while result.hasSuffix("/") { result.removeLast() }
        return result
    }
}
