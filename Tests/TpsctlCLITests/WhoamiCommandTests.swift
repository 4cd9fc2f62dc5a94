@testable import AWSClient
import Foundation
import Testing
import TpsctlTestSupport
@testable import AWSClientTestSupport

/// `tpsctl` end to end: the built binary, run as a subprocess against the emulator.
@Suite("tpsctl whoami end to end")
struct WhoamiCommandTests {
    static func environment(_ extra: [String: String] = [:], home: TemporaryDirectory, credentials: Bool = true) -> [String: String] {
        var variables = ["HOME": home.path, "AWS_EC2_METADATA_DISABLED": "true"]
        if credentials {
            variables["AWS_ACCESS_KEY_ID"] = LocalAWS.accessKeyId
            variables["AWS_SECRET_ACCESS_KEY"] = LocalAWS.secretAccessKey
            variables["AWS_SESSION_TOKEN"] = LocalAWS.sessionToken
        }
        variables.merge(extra) { _, new in new }
        return variables
    }

    /// Asserts the run failed with exactly one stderr line `tpsctl: error: <message>` and no secret anywhere.
    static func expectOneLineError(_ result: TpsctlChild.Result, _ message: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        result.expectOneLineError(message, sourceLocation: sourceLocation)
        expectNoSecrets(result, sourceLocation: sourceLocation)
    }

    static func expectNoSecrets(_ result: TpsctlChild.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in [LocalAWS.secretAccessKey, LocalAWS.sessionToken] {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), sourceLocation: sourceLocation)
        }
    }

    @Test func version() async throws {
        let result = try await TpsctlChild.run(["--version"], environment: [:])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    @Test func whoamiText() async throws {
        let endpoint = try LocalAWS.endpoint()
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let result = try await TpsctlChild.run(["whoami", "--region", "ap-northeast-2", "--endpoint-url", endpoint],
                                                 environment: Self.environment(home: home))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("account      123456789012"))
        #expect(lines.contains { $0.hasPrefix("arn          arn:aws:") })
        #expect(lines.contains("region       ap-northeast-2 (from --region)"))
        #expect(lines.contains("credentials  environment"))
        Self.expectNoSecrets(result)
    }

    @Test func whoamiJSONWithProfileAndEnvironmentEndpoint() async throws {
        let endpoint = try LocalAWS.endpoint()
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try home.write(".aws/credentials", """
            [tps]
            aws_access_key_id = \(LocalAWS.accessKeyId)
            aws_secret_access_key = \(LocalAWS.secretAccessKey)
            """)
        try home.write(".aws/config", "[profile tps]\nregion = ap-northeast-1\n")
        let result = try await TpsctlChild.run(
            ["whoami", "--output", "json"],
            environment: Self.environment(["AWS_PROFILE": "tps", "AWS_ENDPOINT_URL_STS": endpoint], home: home, credentials: false))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let document = try JSONValue(parsing: result.stdout)
        #expect(document["account"]?.string == "123456789012")
        #expect(document["region"]?.string == "ap-northeast-1")
        #expect(document["regionSource"]?.string == "profile 'tps' (~/.aws/config:2)")
        #expect(document["credentialSource"]?.string == "profile 'tps' (~/.aws/credentials)")
        Self.expectNoSecrets(result)
    }

    @Test func bothRegionsInOneRun() async throws {
        let endpoint = try LocalAWS.endpoint()
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let result = try await TpsctlChild.run(
            ["whoami", "--region", "ap-northeast-1", "--region", "ap-northeast-2", "--endpoint-url", endpoint, "--output", "json"],
            environment: Self.environment(home: home))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let documents = try #require(try JSONValue(parsing: result.stdout).array)
        #expect(documents.compactMap { $0["region"]?.string } == ["ap-northeast-1", "ap-northeast-2"])
        #expect(documents.allSatisfy { $0["account"]?.string == "123456789012" })
        Self.expectOneLineError(
            try await TpsctlChild.run(["whoami", "--region", "ap-northeast-1", "--region", "mars-1"],
                                        environment: Self.environment(home: home)),
            "unknown region 'mars-1' (from --region)")
    }

    @Test func verboseLogsRequestsButNoCredentials() async throws {
        let endpoint = try LocalAWS.endpoint()
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let result = try await TpsctlChild.run(["whoami", "-v", "--region", "ap-northeast-1", "--endpoint-url", endpoint],
                                                 environment: Self.environment(home: home))
        #expect(result.status == 0)
        #expect(result.stderr.contains("sts GetCallerIdentity: POST \(endpoint)/"))
        #expect(result.stderr.contains("sts GetCallerIdentity: HTTP 200"))
        for forbidden in ["Authorization", "Signature=", "X-Amz-Security-Token", LocalAWS.accessKeyId] {
            #expect(!result.stderr.contains(forbidden), "stderr shows \(forbidden)")
        }
        Self.expectNoSecrets(result)
    }

    @Test func unknownRegion() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        Self.expectOneLineError(try await TpsctlChild.run(["whoami", "--region", "ap-northeast-9"], environment: Self.environment(home: home)),
                                "unknown region 'ap-northeast-9' (from --region)")
        Self.expectOneLineError(try await TpsctlChild.run(["whoami"], environment: Self.environment(["AWS_REGION": "tokyo"], home: home)),
                                "unknown region 'tokyo' (from AWS_REGION)")
    }

    @Test func malformedConfigFile() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try home.write(".aws/config", "[default]\nregion = ap-northeast-1\nthis is not a setting\n")
        Self.expectOneLineError(try await TpsctlChild.run(["whoami"], environment: Self.environment(home: home)),
                                "~/.aws/config:3: expected 'key = value'")
        try home.write(".aws/credentials", "aws_access_key_id = x\n")
        Self.expectOneLineError(
            try await TpsctlChild.run(["whoami"], environment: Self.environment(["AWS_CONFIG_FILE": home.path + "/absent"], home: home)),
            "~/.aws/credentials:1: expected a '[section]' header before 'key = value'")
    }

    @Test func missingCredentials() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        Self.expectOneLineError(
            try await TpsctlChild.run(["whoami", "--region", "ap-northeast-1", "--endpoint-url", "http://127.0.0.1:9"],
                                        environment: Self.environment(home: home, credentials: false)),
            "no AWS credentials found (tried: environment, web identity (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE), profile 'default' (~/.aws/credentials, ~/.aws/config), ECS container credentials, EC2 instance metadata (IMDSv2))")
    }

    @Test func missingProfile() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        Self.expectOneLineError(
            try await TpsctlChild.run(["whoami", "--profile", "nope"], environment: Self.environment(home: home)),
            "profile 'nope' (from --profile) is not defined in ~/.aws/credentials or ~/.aws/config")
        Self.expectOneLineError(
            try await TpsctlChild.run(["whoami"], environment: Self.environment(["AWS_PROFILE": "ghost"], home: home)),
            "profile 'ghost' (from AWS_PROFILE) is not defined in ~/.aws/credentials or ~/.aws/config")
    }

    @Test func missingRegion() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        Self.expectOneLineError(try await TpsctlChild.run(["whoami"], environment: Self.environment(home: home)),
                                "no region: pass --region, set AWS_REGION, or set 'region' in profile 'default'")
    }

    @Test func endpointRefusingConnections() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let closed = try await ScriptedHTTPServer.start(replies: [], then: .text(200, ""))
        let url = closed.url
        await closed.stop()
        Self.expectOneLineError(
            try await TpsctlChild.run(["whoami", "--region", "ap-northeast-1", "--endpoint-url", url],
                                        environment: Self.environment(["AWS_MAX_ATTEMPTS": "2"], home: home)),
            "cannot reach \(url) (endpoint from --endpoint-url): connection refused")
    }

    @Test func badOutputFlagIsAnArgumentError() async throws {
        let result = try await TpsctlChild.run(["whoami", "--output", "yaml"], environment: [:])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--output"))
    }
}
