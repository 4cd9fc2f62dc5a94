import AWSClient
import Provisioning

/// A Secrets Manager secret whose value Secrets Manager generates (GetRandomPassword), e.g.
/// the Redis AUTH token. The value never leaves AWS except into the one call that needs it;
/// outputs, state and `.env.generated` carry only the ARN, as a `SecretReference`.
struct GeneratedSecretResource: Resource {
    struct Live: Sendable {
        var name: String
        var arn: String
    }

    let address: ResourceAddress
    let client: AWSClient
    let secretName: String
    let summary: String
    /// ElastiCache AUTH tokens: 16–128 printable characters, none of `/"@`; letters and digits are safe everywhere.
    var length = 64

    var secrets: SecretsManager { SecretsManager(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let secret = try await secrets.describeSecret(id: secretName), secret.deletedDate == nil else { return nil }
        return Live(name: secret.name, arn: secret.arn)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("name", desired: secretName, live: live?.name, onChange: .replace)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let value = try await secrets.randomPassword(length: length)
        do {
            let secret = try await secrets.createSecret(
                name: secretName, description: summary, value: value,
                clientRequestToken: context.idempotencyToken(), tags: context.tags)
            return Live(name: secretName, arn: secret.arn)
        } catch where AWSErrorMatching.hasCode(error, "ResourceExistsException") {
            // A retried create whose first attempt went through: that secret is ours (same name).
            guard let secret = try await secrets.describeSecret(id: secretName) else { throw error }
            return Live(name: secret.name, arn: secret.arn)
        }
    }

    /// Only the name is compared, and a name change replaces: nothing to update in place.
    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live { live }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await secrets.deleteSecret(id: live.arn) }
    }

    func outputs(_ live: Live) -> ResourceOutputs {
        var outputs = ResourceOutputs(["secretName": live.name])
        outputs.setSecret("secret", SecretReference(arn: live.arn))
        return outputs
    }
}
