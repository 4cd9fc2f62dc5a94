/// AWS Secrets Manager (JSON 1.1): secrets tpsctl generates (the Redis AUTH token). Secret
/// values only pass through `SecretValue`, whose description is redacted.
public struct SecretsManager: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// A secret's value: printing it never shows the value.
    public struct SecretValue: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
        public let value: String

        public init(_ value: String) { self.value = value }

        public var description: String { "<redacted>" }
        public var debugDescription: String { "<redacted>" }
    }

    public struct Secret: Sendable, Equatable {
        public var name: String
        public var arn: String
        /// Set while the secret is scheduled for deletion.
        public var deletedDate: String?
        public var tags: [String: String]

        init(_ output: JSONValue) {
            name = output["Name"]?.string ?? ""
            arn = output["ARN"]?.string ?? ""
            deletedDate = output["DeletedDate"].flatMap { $0.isNull ? nil : ($0.string ?? "\($0)") }
            var tags: [String: String] = [:]
            for tag in output["Tags"]?.array ?? [] {
                if let key = tag["Key"]?.string { tags[key] = tag["Value"]?.string ?? "" }
            }
            self.tags = tags
        }
    }

    /// The secret, or nil when there is none with that name or ARN.
    public func describeSecret(id: String) async throws -> Secret? {
        do {
            return Secret(try await client.json(.secretsManager, "DescribeSecret", ["SecretId": .string(id)]))
        } catch let error as AWSError where error.code == "ResourceNotFoundException" {
            return nil
        }
    }

    /// Letters and digits only, so the value is valid everywhere (e.g. as an ElastiCache AUTH token).
    public func randomPassword(length: Int) async throws -> SecretValue {
        let output = try await client.json(.secretsManager, "GetRandomPassword", [
            "PasswordLength": .number(Double(length)), "ExcludePunctuation": true,
        ])
        return SecretValue(output["RandomPassword"]?.string ?? "")
    }

    /// `clientRequestToken` makes a retried or resumed create return the same secret version.
    public func createSecret(name: String, description: String, value: SecretValue, clientRequestToken: String,
                             tags: [String: String]) async throws -> Secret {
        let output = try await client.json(.secretsManager, "CreateSecret", [
            "Name": .string(name), "Description": .string(description), "SecretString": .string(value.value),
            "ClientRequestToken": .string(clientRequestToken),
            "Tags": .array(tags.keys.sorted().map { ["Key": .string($0), "Value": .string(tags[$0] ?? "")] }),
        ])
        return Secret(["Name": .string(name), "ARN": output["ARN"] ?? ""])
    }

    public func getSecretValue(id: String) async throws -> SecretValue {
        SecretValue(try await client.json(.secretsManager, "GetSecretValue", ["SecretId": .string(id)])["SecretString"]?.string ?? "")
    }

    /// A new current version with `value` (the version id is the idempotency token).
    public func putSecretValue(id: String, value: SecretValue, clientRequestToken: String) async throws {
        _ = try await client.json(.secretsManager, "PutSecretValue", [
            "SecretId": .string(id), "SecretString": .string(value.value), "ClientRequestToken": .string(clientRequestToken),
        ])
    }

    /// Deleted at once (no recovery window): `down` must leave nothing, and a re-`up` reuses the name.
    public func deleteSecret(id: String) async throws {
        _ = try await client.json(.secretsManager, "DeleteSecret", [
            "SecretId": .string(id), "ForceDeleteWithoutRecovery": true,
        ])
    }

    /// Secrets whose name starts with `namePrefix` (ListSecrets `name` filter), with their tags.
    public func listSecrets(namePrefix: String) async throws -> [Secret] {
        var secrets: [Secret] = []
        let input: JSONValue = ["Filters": [["Key": "name", "Values": .array([.string(namePrefix)])]]]
        for try await page in client.jsonPages(.secretsManager, "ListSecrets", input) {
            secrets += (page["SecretList"]?.array ?? []).map(Secret.init)
        }
        return secrets
    }
}
