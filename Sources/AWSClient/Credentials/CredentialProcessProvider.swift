import AWSSigV4
import Dispatch
import FoundationEssentials

/// Runs a profile's `credential_process` command and reads its JSON (Version 1):
/// `{"Version":1,"AccessKeyId":…,"SecretAccessKey":…,"SessionToken":…,"Expiration":…}`.
/// The command runs through `/bin/sh -c`; its stderr goes to ours (the user sees its
/// prompts and complaints), its stdout is never echoed.
public struct CredentialProcessProvider: AWSCredentialProvider {
    public var command: String
    public var profileName: String
    /// `~/.aws/config:7`, where the command is configured.
    public var location: String

    public init(command: String, profileName: String, location: String) {
        self.command = command; self.profileName = profileName; self.location = location
    }

    public var name: String { "credential_process of profile '\(profileName)' (\(location))" }

    public func provide() async throws -> ProvidedCredentials? {
        let (status, output) = try await run()
        guard status == 0 else {
            throw AWSCredentialsError.sourceFailed(source: name, reason: "the command exited with status \(status)")
        }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: output)
        } catch {
            throw AWSCredentialsError.sourceFailed(source: name, reason: "the command's output is not JSON")
        }
        guard document["Version"]?.int == 1 else {
            throw AWSCredentialsError.sourceFailed(source: name, reason: "the output's \"Version\" must be 1")
        }
        guard let accessKey = document["AccessKeyId"]?.string, let secretKey = document["SecretAccessKey"]?.string else {
            throw AWSCredentialsError.sourceFailed(
                source: name, reason: "the output lacks \"AccessKeyId\" or \"SecretAccessKey\"")
        }
        var expiration: Date?
        if let text = document["Expiration"]?.string {
            guard let parsed = ISO8601Timestamp.parse(text) else {
                throw AWSCredentialsError.sourceFailed(source: name, reason: "\"Expiration\" is not an ISO 8601 time")
            }
            expiration = parsed
        }
        return ProvidedCredentials(
            credentials: AWSCredentials(accessKeyId: accessKey, secretAccessKey: secretKey,
                                        sessionToken: document["SessionToken"]?.string, expiration: expiration),
            source: name)
    }

    private func run() async throws -> (Int32, [UInt8]) {
        let command = self.command
        let source = name
        // Everything blocking (the pipe reads until the command exits) runs off the cooperative pool.
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                guard let result = ShellCommand.run(command) else {
                    continuation.resume(throwing: AWSCredentialsError.sourceFailed(source: source, reason: "cannot start /bin/sh"))
                    return
                }
                continuation.resume(returning: result)
            }
        }
    }
}
