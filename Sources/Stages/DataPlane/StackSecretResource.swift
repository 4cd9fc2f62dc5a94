import AWSClient
import Foundation
import Provisioning

/// A Secrets Manager secret of the stack that tasks get through their definition's `secrets`:
/// the Redis AUTH token, the room-token key, the payment webhook secret, and on local runs the
/// local database's password. The value never leaves AWS except into the calls that need it
/// (creating it, or copying it to another region); outputs, state and `.env.generated` carry
/// only the ARN, as a `SecretReference`, and diffs name the fact, never the value.
struct StackSecretResource: Resource {
    /// Where the value comes from.
    enum Source: Sendable {
        /// Secrets Manager generates it once (GetRandomPassword: letters and digits, which suit
        /// ElastiCache AUTH tokens and HMAC keys alike); it is never changed afterwards.
        case generated(length: Int)
        /// The password of a local server standing in for AWS's (local runs only): the secret
        /// follows it, so the tasks of a local deployment can log in.
        case localServer(SecretsManager.SecretValue)
        /// The value of the same secret in the stack's first region (the secrets every region
        /// shares): copied when created, and put again when it differs.
        case copied(SharedSecretOrigin)
    }

    struct Live: Sendable {
        var name: String
        var arn: String
        /// For `.localServer` and `.copied`: whether the current version equals the value it
        /// follows (nil: that value is not there to compare).
        var holdsExpectedValue: Bool?
    }

    let address: ResourceAddress
    let client: AWSClient
    let secretName: String
    let summary: String
    var source: Source = .generated(length: 64)

    var secrets: SecretsManager { SecretsManager(client: client) }

    var dependencies: [ResourceAddress] {
        if case let .copied(origin) = source, let address = origin.address { [address] } else { [] }
    }

    /// What the value should be, in words (never the value itself).
    var expectedValue: String? {
        switch source {
        case .generated: nil
        case .localServer: "the local server's password"
        case let .copied(origin): "the value of \(origin.region)'s \(origin.secretName)"
        }
    }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let secret = try await secrets.describeSecret(id: secretName), secret.deletedDate == nil else { return nil }
        var live = Live(name: secret.name, arn: secret.arn)
        switch source {
        case .generated: break
        case let .localServer(value):
            live.holdsExpectedValue = try await secrets.getSecretValue(id: secret.arn).value == value.value
        case let .copied(origin):
            if let value = try await origin.valueIfPresent() {
                live.holdsExpectedValue = try await secrets.getSecretValue(id: secret.arn).value == value.value
            }
        }
        return live
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("name", desired: secretName, live: live?.name, onChange: .replace)
        if let expectedValue {
            // Names the fact, never the value.
            diff.compare("value", desired: expectedValue,
                         live: live.map { $0.holdsExpectedValue == true ? expectedValue : "another value" })
        }
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let value: SecretsManager.SecretValue
        switch source {
        case let .generated(length): value = try await secrets.randomPassword(length: length)
        case let .localServer(given): value = given
        case let .copied(origin): value = try await origin.value()
        }
        do {
            let secret = try await secrets.createSecret(
                name: secretName, description: summary, value: value,
                clientRequestToken: context.idempotencyToken(), tags: context.tags)
            return Live(name: secretName, arn: secret.arn, holdsExpectedValue: true)
        } catch where AWSErrorMatching.hasCode(error, "ResourceExistsException") {
            // A retried create whose first attempt went through: that secret is ours (same name);
            // the next pass compares its value.
            guard let secret = try await secrets.describeSecret(id: secretName) else { throw error }
            return Live(name: secret.name, arn: secret.arn)
        }
    }

    /// Only a followed value (a local server's password, the first region's secret) changes in
    /// place; a generated value is never rotated here.
    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        guard changes.contains(where: { $0.field == "value" }) else { return live }
        let value: SecretsManager.SecretValue
        switch source {
        case .generated: return live
        case let .localServer(given): value = given
        case let .copied(origin): value = try await origin.value()
        }
        // A fresh version id: a resumed run reads the new value back and has nothing left to do.
        try await secrets.putSecretValue(id: live.arn, value: value, clientRequestToken: UUID().uuidString)
        var updated = live
        updated.holdsExpectedValue = true
        return updated
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await secrets.deleteSecret(id: live.arn) }
    }

    struct Outputs: PublishedOutputs {
        let secretName: String
        /// The ARN, recorded as a reference: never the value.
        let secret: SecretReference
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(secretName: live.name, secret: SecretReference(arn: live.arn))
    }
}

extension StackSecretResource: SingleKindResource {
    static let kind = "secret"

    /// The stack's generated secrets; RDS-managed ones go with their cluster.
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        try await SecretsManager(client: scope.client).listSecrets(namePrefix: scope.namePrefix)
            .filter { $0.name.hasPrefix(scope.namePrefix) && $0.deletedDate == nil && $0.tags[ResourceTags.stackKey] == stack }
            .map { TaggedObject(id: $0.arn, tags: $0.tags) }
    }

    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await SecretsManager(client: scope.client).deleteSecret(id: id) }
    }
}
