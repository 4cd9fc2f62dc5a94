import AWSClient

extension RegistryCredentials {
    /// ECR's own credentials: GetAuthorizationToken in the client's region, called only when
    /// the registry first challenges (so a registry that needs no auth costs no AWS call).
    /// The decoded password stays inside `BasicCredentials`, which redacts it.
    public static func ecr(_ ecr: ECR) -> RegistryCredentials {
        .provider {
            let authorization = try await ecr.getAuthorizationToken()
            return BasicCredentials(username: authorization.username, password: authorization.password)
        }
    }
}
