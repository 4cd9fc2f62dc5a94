/// Secret versions by staging label. A rotation keeps its place in the labels themselves:
/// the next value waits as `AWSPENDING` until it becomes `AWSCURRENT`, so a killed rotation
/// resumes from what Secrets Manager says rather than from local state.
extension SecretsManager {
    /// One version of a secret: its id and value.
    public struct Version: Sendable {
        public var id: String
        public var value: SecretValue
    }

    public static let currentStage = "AWSCURRENT"
    public static let pendingStage = "AWSPENDING"

    /// The version holding `stage`, or nil when no version has it.
    public func getSecretValue(id: String, versionStage stage: String) async throws -> Version? {
        let output: JSONValue
        do {
            output = try await client.json(.secretsManager, "GetSecretValue", [
                "SecretId": .string(id), "VersionStage": .string(stage),
            ])
        } catch let error as AWSError where error.code == "ResourceNotFoundException" {
            return nil
        }
        return Version(id: output["VersionId"]?.string ?? "", value: SecretValue(output["SecretString"]?.string ?? ""))
    }

    /// A new version labelled `stages` only (e.g. `AWSPENDING`, leaving `AWSCURRENT` where it is).
    public func putSecretValue(id: String, value: SecretValue, clientRequestToken: String,
                               versionStages stages: [String]) async throws {
        _ = try await client.json(.secretsManager, "PutSecretValue", [
            "SecretId": .string(id), "SecretString": .string(value.value), "ClientRequestToken": .string(clientRequestToken),
            "VersionStages": .array(stages.map { .string($0) }),
        ])
    }

    /// Moves `stage` to `moveTo` (from `removeFrom`, which a label held elsewhere requires), or,
    /// with `moveTo` nil, only takes it off `removeFrom`.
    public func updateSecretVersionStage(id: String, stage: String, moveTo: String?, removeFrom: String?) async throws {
        var input: [String: JSONValue] = ["SecretId": .string(id), "VersionStage": .string(stage)]
        if let moveTo { input["MoveToVersionId"] = .string(moveTo) }
        if let removeFrom { input["RemoveFromVersionId"] = .string(removeFrom) }
        _ = try await client.json(.secretsManager, "UpdateSecretVersionStage", .object(input))
    }
}
