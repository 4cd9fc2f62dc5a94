/// Tries sources in order; the first configured one answers. A source that is configured
/// but broken stops the chain with its error.
public struct CredentialProviderChain: AWSCredentialProvider {
    public let providers: [any AWSCredentialProvider]

    public init(_ providers: [any AWSCredentialProvider]) {
        self.providers = providers
    }

    public var name: String { providers.map(\.name).joined(separator: ", ") }

    public func provide() async throws -> ProvidedCredentials? {
        for provider in providers {
            if let provided = try await provider.provide() { return provided }
        }
        throw AWSCredentialsError.noCredentials(tried: providers.map(\.name))
    }

    @discardableResult public func invalidate() async -> Bool {
        var forgotten = false
        for provider in providers where await provider.invalidate() { forgotten = true }
        return forgotten
    }
}
