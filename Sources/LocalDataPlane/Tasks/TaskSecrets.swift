import AWSClient
import Foundation

/// A container's `secrets`, fetched from Secrets Manager with the task's execution role as ECS
/// fetches them before the container starts. `valueFrom` is a secret's ARN (or name), or
/// `arn:…:secret:<name>:<json-key>:<version-stage>:<version-id>` for one key of a JSON secret.
/// A secret the role may not read fails the task with ECS's own reason.
struct TaskSecrets {
    let executionClient: AWSClient

    func resolve(_ secrets: [(name: String, valueFrom: String)]) async throws -> [String: String] {
        var values: [String: String] = [:]
        for secret in secrets {
            let reference = SecretReferenceParts(secret.valueFrom)
            let text: String
            do {
                text = try await SecretsManager(client: executionClient).getSecretValue(id: reference.secretId).value
            } catch {
                throw DataPlaneError.task(
                    "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                        + "unable to retrieve secret from asm: service call has been retried 1 time(s): \(Self.describe(error))")
            }
            if let key = reference.jsonKey {
                guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], let value = object[key] else {
                    throw DataPlaneError.task(
                        "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                            + "retrieved secret from Secrets Manager did not contain json key \(key)")
                }
                values[secret.name] = value as? String ?? "\(value)"
            } else {
                values[secret.name] = text
            }
        }
        return values
    }

    /// The AWS error's code and message (never a value: the call failed before one came back).
    static func describe(_ error: any Error) -> String {
        if let aws = error as? AWSError { return "\(aws.code): \(aws.message)" }
        return String(describing: error)
    }
}

/// `valueFrom` split as ECS reads it.
struct SecretReferenceParts {
    let secretId: String
    let jsonKey: String?

    init(_ valueFrom: String) {
        let fields = valueFrom.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        // arn:aws:secretsmanager:region:account:secret:name[:json-key:stage:version]
        if fields.count > 7, fields[0] == "arn", fields[2] == "secretsmanager" {
            secretId = fields[0..<7].joined(separator: ":")
            jsonKey = fields[7].isEmpty ? nil : fields[7]
        } else {
            secretId = valueFrom
            jsonKey = nil
        }
    }
}
