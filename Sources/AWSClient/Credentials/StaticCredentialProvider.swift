import AWSSigV4

/// Fixed credentials: a source profile's keys feeding AssumeRole, or test credentials.
public struct StaticCredentialProvider: AWSCredentialProvider {
    public let provided: ProvidedCredentials
    public var name: String { provided.source }

    public init(_ credentials: AWSCredentials, source: String) {
        provided = ProvidedCredentials(credentials: credentials, source: source)
    }

    public func provide() async throws -> ProvidedCredentials? { provided }
}
