import FoundationEssentials

/// Exchanges an OIDC token (CI, EKS) for role credentials with STS AssumeRoleWithWebIdentity,
/// an unsigned call. Configured by AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE
/// (+ AWS_ROLE_SESSION_NAME), or by a profile's `role_arn` + `web_identity_token_file`.
/// The token file is read on every fetch because the issuer rotates it.
public struct WebIdentityCredentialProvider: AWSCredentialProvider {
    public struct Settings: Sendable, Equatable {
        public var roleArn: String
        public var tokenFile: String
        public var sessionName: String?
        /// `AWS_ROLE_ARN` or `profile 'ci' (~/.aws/config:3)`.
        public var origin: String
    }

    let context: CredentialProviderContext
    /// Fixed settings (from a profile); `nil` reads the environment.
    let fixed: Settings?

    /// The environment-configured provider of the default chain.
    public init(context: CredentialProviderContext) {
        self.context = context
        self.fixed = nil
    }

    public init(settings: Settings, context: CredentialProviderContext) {
        self.context = context
        self.fixed = settings
    }

    public var name: String { "web identity (\(fixed?.origin ?? "AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE"))" }

    var settings: Settings? {
        if let fixed { return fixed }
        let environment = context.environment
        guard let roleArn = environment["AWS_ROLE_ARN"], let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"] else {
            return nil
        }
        return Settings(roleArn: roleArn, tokenFile: environment.expandingTilde(tokenFile),
                        sessionName: environment["AWS_ROLE_SESSION_NAME"], origin: "AWS_ROLE_ARN")
    }

    public func provide() async throws -> ProvidedCredentials? {
        guard let settings else { return nil }
        let source = "web identity (\(settings.origin), role \(settings.roleArn))"
        let token: String
        do {
            token = try String(contentsOfFile: settings.tokenFile, encoding: .utf8)
                .trimmingWhitespace()
        } catch {
            throw AWSCredentialsError.sourceFailed(
                source: source, reason: "cannot read the token file \(context.environment.displayPath(settings.tokenFile))")
        }
        guard !token.isEmpty else {
            throw AWSCredentialsError.sourceFailed(
                source: source, reason: "the token file \(context.environment.displayPath(settings.tokenFile)) is empty")
        }
        do {
            let assumed = try await context.stsClient(credentials: nil).assumeRoleWithWebIdentity(
                roleArn: settings.roleArn, sessionName: settings.sessionName ?? Self.defaultSessionName(),
                webIdentityToken: token)
            return ProvidedCredentials(credentials: assumed.credentials, source: source)
        } catch let error as AWSCredentialsError {
            throw error
        } catch {
            throw AWSCredentialsError.sourceFailed(source: source, reason: "\(error)")
        }
    }

    static func defaultSessionName() -> String {
        "tpsctl-\(Int(Date().timeIntervalSince1970))"
    }
}
