import AWSClient
import AWSSigV4

/// A task's IAM role, assumed with the agent's own credentials as ECS assumes it for a task:
/// every call made with these credentials is the role's, so the local AWS checks the role's
/// policies (wrap in `CachingCredentialProvider` to reuse a session until it nears expiry).
struct RoleCredentialProvider: AWSCredentialProvider {
    let roleArn: String
    let sessionName: String
    /// Signs the AssumeRole call: the agent's client in the task's region.
    let agentClient: AWSClient

    var name: String { "role \(roleArn)" }

    func provide() async throws -> ProvidedCredentials? {
        let assumed = try await STS(client: agentClient).assumeRole(roleArn: roleArn, sessionName: sessionName)
        return ProvidedCredentials(credentials: assumed.credentials, source: "assumed role \(roleArn)")
    }

    /// A client in the agent's region and endpoints that signs as the role.
    static func client(role roleArn: String, session: String, agentClient: AWSClient) -> AWSClient {
        let provider = CachingCredentialProvider(RoleCredentialProvider(roleArn: roleArn, sessionName: session, agentClient: agentClient))
        return AWSClient(region: agentClient.region, credentialProvider: provider, endpoints: agentClient.endpoints,
                         retry: agentClient.retry, transport: agentClient.transport, logger: agentClient.logger)
    }
}
