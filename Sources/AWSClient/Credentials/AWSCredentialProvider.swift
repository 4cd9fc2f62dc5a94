import AWSSigV4

/// Credentials and the source that delivered them (shown by `tpsctl whoami`).
public struct ProvidedCredentials: Sendable, Equatable, CustomStringConvertible {
    public var credentials: AWSCredentials
    /// `environment`, `profile 'dev' (~/.aws/credentials)`, `ECS container (…)`: never a secret.
    public var source: String

    public init(credentials: AWSCredentials, source: String) {
        self.credentials = credentials; self.source = source
    }

    public var description: String { "\(credentials) from \(source)" }
}

/// One place credentials can come from.
public protocol AWSCredentialProvider: Sendable {
    /// What this source is, for the "tried: …" list of a missing-credentials error.
    var name: String { get }

    /// The credentials, or `nil` when this source is not configured (a chain moves on).
    /// Throws when the source is configured but cannot deliver (the chain stops: the user
    /// asked for this source, silently using another would be wrong).
    func provide() async throws -> ProvidedCredentials?

    /// Forgets any credentials kept from an earlier `provide()`, after a service rejected them as
    /// expired, so the next call fetches fresh ones. Returns whether anything was forgotten (only
    /// then can signing again help); sources that keep nothing return false.
    @discardableResult func invalidate() async -> Bool
}

extension AWSCredentialProvider {
    @discardableResult public func invalidate() async -> Bool { false }

    /// Like `provide()`, but a source that is not configured is an error.
    public func required() async throws -> ProvidedCredentials {
        guard let provided = try await provide() else { throw AWSCredentialsError.noCredentials(tried: [name]) }
        return provided
    }
}
