import AWSClient
import Provisioning

/// Where a region other than the stack's first takes a shared secret's value (the room-token key,
/// the payment webhook secret): the same secret in the first region, read by name with a client
/// for that region. One value in every region means a room token issued in one region is valid
/// in the other, and the payment provider signs with one webhook secret. Copied rather than
/// replicated by Secrets Manager, so each region's secret stays its own resource (created,
/// adopted and deleted with its region's stage 03) and the local AWS needs no replication.
struct SharedSecretOrigin: Sendable {
    let region: String
    let client: AWSClient
    let secretName: String
    /// The first region's resource when this command builds it too (so it is created first);
    /// nil when the command leaves that region out and it must exist already.
    let address: ResourceAddress?

    /// The first region's value, or nil when its secret does not exist (yet).
    func valueIfPresent() async throws -> SecretsManager.SecretValue? {
        let secrets = SecretsManager(client: client)
        guard let secret = try await secrets.describeSecret(id: secretName), secret.deletedDate == nil else { return nil }
        return try await secrets.getSecretValue(id: secret.arn)
    }

    /// The first region's value; a one-line error naming the command that creates it otherwise.
    func value() async throws -> SecretsManager.SecretValue {
        guard let value = try await valueIfPresent() else { throw SharedSecretMissing(origin: self) }
        return value
    }
}

/// The first region's secret is missing, so a later region has nothing to copy.
struct SharedSecretMissing: Error, CustomStringConvertible {
    let origin: SharedSecretOrigin

    var description: String {
        "secret \(origin.secretName) does not exist in \(origin.region), the stack's first region, whose value every "
            + "region shares: run tpsctl up --stage 03 --region \(origin.region) first"
    }
}
