@testable import AWSClient
import AWSSigV4
import Foundation
@testable import AWSClientTestSupport

/// Credentials that change on every request for them, counting the requests: shows that
/// each attempt asks for credentials and is signed afresh.
actor CountingCredentialProvider: AWSCredentialProvider {
    private(set) var calls = 0
    nonisolated var name: String { "counting test credentials" }

    func provide() async throws -> ProvidedCredentials? {
        calls += 1
        return ProvidedCredentials(
            credentials: AWSCredentials(accessKeyId: "AKIDATTEMPT\(calls)", secretAccessKey: LocalAWS.secretAccessKey),
            source: name)
    }
}

enum ScriptedClient {
    /// A client whose every request goes to `server`, with millisecond backoff.
    static func make(_ server: ScriptedHTTPServer, region: String = "ap-northeast-1", maxAttempts: Int = 3,
                     credentials: (any AWSCredentialProvider)? = nil, clock: ClockSkewCorrector = ClockSkewCorrector()) -> AWSClient {
        AWSClient(
            region: region,
            credentialProvider: credentials ?? StaticCredentialProvider(
                AWSCredentials(accessKeyId: LocalAWS.accessKeyId, secretAccessKey: LocalAWS.secretAccessKey), source: "test"),
            endpoints: EndpointResolver(explicitURL: server.url),
            retry: RetryConfiguration(maxAttempts: maxAttempts, baseDelay: .milliseconds(1)),
            timeout: .seconds(5), clock: clock)
    }
}
