import AWSClient
import Foundation
import Stack

/// The passwords of the local servers that stand in for ElastiCache and Aurora on local runs
/// (`scripts/testenv` writes them to `.testenv/env`, never to the stack file). Stage 03 keeps
/// them in the stack's secrets, so the task definitions stay the AWS ones — `secrets` naming an
/// ARN — and a local task logs in exactly as a Fargate task would.
public struct LocalServerPasswords: Sendable {
    public static let redisPasswordVariable = "TPS_REDIS_PASSWORD"
    public static let databaseURLVariable = "TPS_DATABASE_URL"

    public var redis: SecretsManager.SecretValue?
    public var database: SecretsManager.SecretValue?

    public init(redis: SecretsManager.SecretValue? = nil, database: SecretsManager.SecretValue? = nil) {
        self.redis = redis
        self.database = database
    }

    /// Only stacks with a local section take them, so a shell with these variables set can never
    /// change a production secret. The database password: TPS_DATABASE_URL's, else the one in
    /// `local.databaseURL`.
    static func resolve(local: LocalConfig?, environment: [String: String]) -> LocalServerPasswords? {
        guard let local else { return nil }
        var passwords = LocalServerPasswords()
        if local.redisURL != nil, let password = environment[redisPasswordVariable], !password.isEmpty {
            passwords.redis = SecretsManager.SecretValue(password)
        }
        if let stackURL = local.databaseURL {
            let url = environment[databaseURLVariable].flatMap(URLComponents.init(string:)) ?? URLComponents(string: stackURL.rawValue)
            if let password = url?.password, !password.isEmpty {
                passwords.database = SecretsManager.SecretValue(password.removingPercentEncoding ?? password)
            }
        }
        return passwords
    }
}
