@testable import AWSClient
import Foundation

/// A test setup error: fails the test with a message saying what to do.
struct TestSetupError: Error, CustomStringConvertible {
    let description: String
}

/// The local AWS emulator the integration tests talk to (moto behind scripts/local-aws).
enum LocalAWS {
    static let variable = "TPS_LOCAL_AWS_ENDPOINT"
    /// Credentials the emulator accepts; the secret doubles as a canary for leak checks.
    static let accessKeyId = "AKIDTPSLOCALTEST"
    static let secretAccessKey = "tps-canary-secret-never-printed"
    static let sessionToken = "tps-canary-session-token-never-printed"

    /// The emulator's URL. Unset is a failure, not a skip: these tests exist to run against it.
    static func endpoint() throws -> String {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
            throw TestSetupError(description:
                "\(variable) is not set: start the local AWS (scripts/testenv start; source .testenv/env) and export it")
        }
        return value
    }

    /// Environment variables pointing every service at the emulator with static credentials.
    static func environment(_ extra: [String: String] = [:], home: String) throws -> AWSEnvironment {
        var variables = [
            "AWS_ACCESS_KEY_ID": accessKeyId, "AWS_SECRET_ACCESS_KEY": secretAccessKey,
            "AWS_ENDPOINT_URL": try endpoint(), "AWS_REGION": "ap-northeast-1",
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
        variables.merge(extra) { _, new in new }
        return AWSEnvironment(variables, homeDirectory: home)
    }

    /// A client for `region` on the emulator; fast retries so failing tests fail fast.
    static func client(region: String = "ap-northeast-1", extra: [String: String] = [:]) throws -> AWSClient {
        // A home without ~/.aws: the machine's own AWS settings must not leak into tests.
        let configuration = try AWSConfiguration.load(environment: try environment(extra, home: "/nonexistent-tps-test-home"))
        return AWSClient(region: region, credentialProvider: configuration.defaultCredentialProvider(),
                         endpoints: configuration.endpoints,
                         retry: RetryConfiguration(maxAttempts: 3, baseDelay: .milliseconds(5)))
    }

    /// A name no earlier run used (the emulator keeps state between runs).
    static func uniqueName(_ prefix: String) -> String {
        "tps-\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
