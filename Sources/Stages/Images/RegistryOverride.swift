import ContainerImage

/// A registry that stands in for ECR on local runs (the CNCF registry of `scripts/testenv`):
/// the stack's `local.registryURL`, or TPS_REGISTRY_URL, which wins so parallel test setups
/// can each use their own port. Only stacks with a `local` section take one, so a shell left
/// with TPS_REGISTRY_URL set can never divert a production push.
///
/// Credentials: TPS_REGISTRY_USERNAME and TPS_REGISTRY_PASSWORD when both are set (the
/// htpasswd user `scripts/testenv start` writes to .testenv/env); otherwise ECR's token from
/// GetAuthorizationToken is offered (the emulator's is a dummy that an htpasswd registry refuses,
/// so the error then names the registry and the user "AWS").
public struct RegistryOverride: Sendable, CustomStringConvertible {
    public let url: String
    public let credentials: BasicCredentials?

    public init(url: String, credentials: BasicCredentials?) {
        self.url = url
        self.credentials = credentials
    }

    public static let urlVariable = "TPS_REGISTRY_URL"
    public static let usernameVariable = "TPS_REGISTRY_USERNAME"
    public static let passwordVariable = "TPS_REGISTRY_PASSWORD"

    /// The override for a stack with a local section (`stackURL` its registryURL), else nil.
    static func resolve(hasLocalSection: Bool, stackURL: String?, environment: [String: String]) -> RegistryOverride? {
        guard hasLocalSection else { return nil }
        guard let url = environment[urlVariable].flatMap({ $0.isEmpty ? nil : $0 }) ?? stackURL else { return nil }
        var credentials: BasicCredentials?
        if let username = environment[usernameVariable], let password = environment[passwordVariable], !username.isEmpty {
            credentials = BasicCredentials(username: username, password: password)
        }
        return RegistryOverride(url: url, credentials: credentials)
    }

    public var description: String {
        "\(url) (\(credentials.map { "user \($0.username)" } ?? "ECR token"))"
    }
}
