import Logging

/// What providers that call AWS or a metadata endpoint need: where STS is, how to reach
/// it, and the settings they read. Built once from an `AWSConfiguration`.
public struct CredentialProviderContext: Sendable {
    public var environment: AWSEnvironment
    public var files: SharedConfigFiles
    /// The region STS calls are made in (the client's region; us-east-1 when none is set).
    public var region: String
    public var endpoints: EndpointResolver
    public var retry: RetryConfiguration
    public var transport: HTTPTransport
    public var logger: Logger

    public init(environment: AWSEnvironment, files: SharedConfigFiles, region: String?, endpoints: EndpointResolver,
                retry: RetryConfiguration = RetryConfiguration(), transport: HTTPTransport = .shared,
                logger: Logger = AWSClient.silentLogger) {
        self.environment = environment; self.files = files; self.region = region ?? "us-east-1"
        self.endpoints = endpoints; self.retry = retry; self.transport = transport; self.logger = logger
    }

    /// An STS client signing with `credentials` (or unsigned calls only, when `nil`).
    func stsClient(credentials: (any AWSCredentialProvider)?) -> STS {
        STS(client: AWSClient(region: region, credentialProvider: credentials ?? AnonymousCredentialProvider(),
                              endpoints: endpoints, retry: retry, transport: transport, logger: logger))
    }
}

/// For clients that only make unsigned calls (AssumeRoleWithWebIdentity); asking it for
/// credentials is an error.
public struct AnonymousCredentialProvider: AWSCredentialProvider {
    public init() {}
    public var name: String { "no credentials (unsigned calls only)" }
    public func provide() async throws -> ProvidedCredentials? { nil }
}
