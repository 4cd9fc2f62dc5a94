@testable import AWSClient
import AWSSigV4
import Foundation
import Logging
import Testing
@testable import AWSClientTestSupport

/// No secret reaches a description, an error, or the `-v` log.
@Suite("Secrets stay out of text")
struct SecretRedactionTests {
    static let secrets = [LocalAWS.secretAccessKey, LocalAWS.sessionToken]

    @Test func credentialDescriptionsRedact() {
        let credentials = AWSCredentials(accessKeyId: "AKID", secretAccessKey: LocalAWS.secretAccessKey,
                                         sessionToken: LocalAWS.sessionToken)
        let provided = ProvidedCredentials(credentials: credentials, source: "environment")
        for text in ["\(credentials)", "\(provided)", String(reflecting: provided)] {
            for secret in Self.secrets { #expect(!text.contains(secret), "\(text)") }
        }
    }

    @Test func debugLogOfARetriedCallHasNoSecrets() async throws {
        let server = try await ScriptedHTTPServer.start(
            replies: [.json(400, #"{"__type":"ThrottlingException","message":"slow down"}"#)],
            then: .json(200, #"{"Table":{"TableName":"t"}}"#))
        defer { Task { await server.stop() } }
        let sink = LogSink()
        var logger = Logger(label: "test", factory: { _ in sink })
        logger.logLevel = .trace
        let client = AWSClient(
            region: "ap-northeast-1",
            credentialProvider: StaticCredentialProvider(
                AWSCredentials(accessKeyId: LocalAWS.accessKeyId, secretAccessKey: LocalAWS.secretAccessKey,
                               sessionToken: LocalAWS.sessionToken), source: "test"),
            endpoints: EndpointResolver(explicitURL: server.url),
            retry: RetryConfiguration(maxAttempts: 3, baseDelay: .milliseconds(1)), logger: logger)
        _ = try await client.json(.dynamoDB, "DescribeTable", ["TableName": "t"])
        let log = sink.text
        #expect(log.contains("dynamodb DescribeTable: ThrottlingException (HTTP 400)"))
        #expect(log.contains("retrying in"))
        for forbidden in Self.secrets + ["Authorization", "Signature=", LocalAWS.accessKeyId] {
            #expect(!log.contains(forbidden), "log shows \(forbidden)")
        }
        // The server did get the token: it is sent, just never printed.
        #expect(server.requests.last?.header("X-Amz-Security-Token") == LocalAWS.sessionToken)
    }

    @Test func credentialErrorsNameSourcesNotValues() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try home.write(".aws/credentials", "[p]\naws_secret_access_key = \(LocalAWS.secretAccessKey)\n")
        let context = CredentialProviderContext(
            environment: AWSEnvironment([:], homeDirectory: home.path),
            files: try SharedConfigFiles.load(environment: AWSEnvironment([:], homeDirectory: home.path)),
            region: nil, endpoints: EndpointResolver())
        do {
            _ = try await ProfileCredentialProvider(profileName: "p", context: context).provide()
            Issue.record("half credentials accepted")
        } catch {
            #expect("\(error)" == "incomplete credentials from profile 'p' (~/.aws/credentials:2): aws_secret_access_key is set but aws_access_key_id is not")
        }
    }
}

/// Collects log lines in memory.
final class LogSink: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return lines.joined(separator: "\n")
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.lock()
        lines.append("\(event.level) \(event.message)")
        lock.unlock()
    }
}
