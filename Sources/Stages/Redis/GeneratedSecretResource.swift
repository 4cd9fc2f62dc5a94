import AWSClient
import Provisioning

/// A Secrets Manager secret whose value Secrets Manager generates (GetRandomPassword), e.g.
/// the Redis AUTH token. The value never leaves AWS except into the call that needs it; the
/// outputs carry only the ARN, as a `SecretReference`.
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

    func read(_ context: ResourceContext) async throws -> Live? {
        let output: JSONValue
        do {
            output = try await client.json(.secretsManager, "DescribeSecret", ["SecretId": .string(secretName)])
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
        guard output["DeletedDate"] == nil || output["DeletedDate"]?.isNull == true else { return nil }
        return Live(name: secretName, arn: output["ARN"]?.string ?? "")
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("name", desired: secretName, live: live?.name, onChange: .replace)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let random = try await client.json(.secretsManager, "GetRandomPassword", [
            "PasswordLength": .number(Double(length)), "ExcludePunctuation": true,
        ])
        let output = try await client.json(.secretsManager, "CreateSecret", [
            "Name": .string(secretName), "Description": .string(summary),
            "SecretString": random["RandomPassword"] ?? "",
            "ClientRequestToken": .string(context.idempotencyToken()),
            "Tags": JSONTags.list(context.tags),
        ])
        return Live(name: secretName, arn: output["ARN"]?.string ?? "")
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live { live }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            _ = try await client.json(.secretsManager, "DeleteSecret", [
                "SecretId": .string(live.arn), "ForceDeleteWithoutRecovery": true,
            ])
        }
    }

    func outputs(_ live: Live) -> ResourceOutputs {
        var outputs = ResourceOutputs(["secretName": live.name])
        outputs.setSecret("secret", SecretReference(arn: live.arn))
        return outputs
    }

    /// The value, for the one call that must pass it (CreateReplicationGroup's AuthToken).
    static func value(of arn: String, client: AWSClient) async throws -> String {
        try await client.json(.secretsManager, "GetSecretValue", ["SecretId": .string(arn)])["SecretString"]?.string ?? ""
    }
}
