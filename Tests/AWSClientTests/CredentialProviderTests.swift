@testable import AWSClient
import AWSSigV4
import Foundation
import Testing
@testable import AWSClientTestSupport

/// Each credential source, fed from temp files, explicit environments and loopback servers.
@Suite("Credential sources")
struct CredentialProviderTests {
    static func context(_ variables: [String: String], home: TemporaryDirectory, endpoint: String? = nil) throws -> CredentialProviderContext {
        let environment = AWSEnvironment(variables, homeDirectory: home.path)
        let files = try SharedConfigFiles.load(environment: environment)
        return CredentialProviderContext(
            environment: environment, files: files, region: "ap-northeast-1",
            endpoints: EndpointResolver(explicitURL: endpoint, environment: environment),
            retry: RetryConfiguration(maxAttempts: 2, baseDelay: .milliseconds(1)))
    }

    // MARK: environment

    @Test func environmentKeysAndSessionToken() async throws {
        let provider = EnvironmentCredentialProvider(environment: AWSEnvironment([
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": LocalAWS.secretAccessKey,
            "AWS_SESSION_TOKEN": LocalAWS.sessionToken,
        ]))
        let provided = try #require(try await provider.provide())
        #expect(provided.credentials.accessKeyId == "AKIDENV")
        #expect(provided.credentials.sessionToken == LocalAWS.sessionToken)
        #expect(provided.source == "environment")
        #expect(try await EnvironmentCredentialProvider(environment: AWSEnvironment()).provide() == nil)
    }

    @Test func environmentWithoutSecretIsAnError() async {
        await #expect(throws: AWSCredentialsError.incomplete(
            source: "environment", reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")) {
            _ = try await EnvironmentCredentialProvider(environment: AWSEnvironment(["AWS_ACCESS_KEY_ID": "AKID"])).provide()
        }
    }

    // MARK: shared files

    @Test func profileStaticKeysFromTheCredentialsFile() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try home.write(".aws/credentials", """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = \(LocalAWS.secretAccessKey)
            [dev]
            aws_access_key_id = AKIDDEV
            aws_secret_access_key = \(LocalAWS.secretAccessKey)
            aws_session_token = \(LocalAWS.sessionToken)
            [half]
            aws_access_key_id = AKIDHALF
            """)
        let context = try Self.context([:], home: home)
        let dev = try #require(try await ProfileCredentialProvider(profileName: "dev", context: context).provide())
        #expect(dev.credentials.accessKeyId == "AKIDDEV" && dev.credentials.sessionToken == LocalAWS.sessionToken)
        #expect(dev.source == "profile 'dev' (~/.aws/credentials)")
        #expect(try await ProfileCredentialProvider(profileName: "absent", context: context).provide() == nil)
        await #expect(throws: AWSCredentialsError.incomplete(
            source: "profile 'half' (~/.aws/credentials:9)", reason: "aws_access_key_id is set but aws_secret_access_key is not")) {
            _ = try await ProfileCredentialProvider(profileName: "half", context: context).provide()
        }
    }

    @Test func credentialProcessVersion1() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let script = try home.write("bin/creds.sh", """
            #!/bin/sh
            echo "helper diagnostics go to stderr" >&2
            cat <<JSON
            {"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "\(LocalAWS.secretAccessKey)",
             "SessionToken": "\(LocalAWS.sessionToken)", "Expiration": "2099-01-01T00:00:00Z"}
            JSON
            """, executable: true)
        let failing = try home.write("bin/fail.sh", "#!/bin/sh\nexit 3\n", executable: true)
        let wrongVersion = try home.write("bin/v2.sh", "#!/bin/sh\necho '{\"Version\":2,\"AccessKeyId\":\"a\",\"SecretAccessKey\":\"b\"}'\n",
                                          executable: true)
        try home.write(".aws/config", """
            [profile proc]
            credential_process = "\(script)" --some-arg
            [profile failing]
            credential_process = \(failing)
            [profile v2]
            credential_process = \(wrongVersion)
            """)
        let context = try Self.context([:], home: home)
        let provided = try #require(try await ProfileCredentialProvider(profileName: "proc", context: context).provide())
        #expect(provided.credentials.accessKeyId == "AKIDPROCESS")
        #expect(provided.credentials.expiration == ISO8601Timestamp.parse("2099-01-01T00:00:00Z"))
        #expect(provided.source == "credential_process of profile 'proc' (~/.aws/config:2)")
        await #expect(throws: AWSCredentialsError.sourceFailed(
            source: "credential_process of profile 'failing' (~/.aws/config:4)", reason: "the command exited with status 3")) {
            _ = try await ProfileCredentialProvider(profileName: "failing", context: context).provide()
        }
        await #expect(throws: AWSCredentialsError.sourceFailed(
            source: "credential_process of profile 'v2' (~/.aws/config:6)", reason: "the output's \"Version\" must be 1")) {
            _ = try await ProfileCredentialProvider(profileName: "v2", context: context).provide()
        }
    }

    @Test func assumeRoleFromASourceProfileAgainstTheEmulatorsSTS() async throws {
        let endpoint = try LocalAWS.endpoint()
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try home.write(".aws/credentials", """
            [base]
            aws_access_key_id = \(LocalAWS.accessKeyId)
            aws_secret_access_key = \(LocalAWS.secretAccessKey)
            """)
        try home.write(".aws/config", """
            [profile deployer]
            role_arn = arn:aws:iam::123456789012:role/tps-deployer
            source_profile = base
            role_session_name = tps-test-session
            [profile chained]
            role_arn = arn:aws:iam::123456789012:role/tps-second
            source_profile = deployer
            [profile loop-a]
            role_arn = arn:aws:iam::123456789012:role/a
            source_profile = loop-b
            [profile loop-b]
            role_arn = arn:aws:iam::123456789012:role/b
            source_profile = loop-a
            """)
        let context = try Self.context([:], home: home, endpoint: endpoint)
        let provided = try #require(try await ProfileCredentialProvider(profileName: "deployer", context: context).provide())
        #expect(provided.credentials.accessKeyId.hasPrefix("ASIA"))
        #expect(provided.credentials.sessionToken != nil)
        #expect(provided.credentials.expiration != nil)
        #expect(provided.source == "profile 'deployer' (assume role arn:aws:iam::123456789012:role/tps-deployer with profile 'base' (~/.aws/credentials))")

        // The assumed credentials work: STS says who they are.
        let client = AWSClient(region: "ap-northeast-1", credentialProvider: StaticCredentialProvider(provided.credentials, source: "t"),
                               endpoints: EndpointResolver(explicitURL: endpoint))
        let identity = try await STS(client: client).getCallerIdentity()
        #expect(identity.arn == "arn:aws:sts::123456789012:assumed-role/tps-deployer/tps-test-session")

        let chained = try #require(try await ProfileCredentialProvider(profileName: "chained", context: context).provide())
        #expect(chained.source.hasPrefix("profile 'chained' (assume role arn:aws:iam::123456789012:role/tps-second with profile 'deployer'"))

        do {
            _ = try await ProfileCredentialProvider(profileName: "loop-a", context: context).provide()
            Issue.record("a source_profile cycle resolved")
        } catch {
            #expect("\(error)".contains("source_profile cycle: loop-a → loop-b → loop-a"))
        }
    }

    @Test func webIdentityFromTheEnvironmentAgainstTheEmulatorsSTS() async throws {
        let endpoint = try LocalAWS.endpoint()
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let tokenFile = try home.write("token", "eyJhbGciOiJSUzI1NiJ9.test-oidc-token.sig\n")
        let context = try Self.context([
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/tps-ci", "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
            "AWS_ROLE_SESSION_NAME": "ci-run",
        ], home: home, endpoint: endpoint)
        let provided = try #require(try await WebIdentityCredentialProvider(context: context).provide())
        #expect(provided.credentials.accessKeyId.hasPrefix("ASIA"))
        #expect(provided.source == "web identity (AWS_ROLE_ARN, role arn:aws:iam::123456789012:role/tps-ci)")

        let unconfigured = try Self.context([:], home: home, endpoint: endpoint)
        #expect(try await WebIdentityCredentialProvider(context: unconfigured).provide() == nil)

        let missingFile = try Self.context([
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/tps-ci", "AWS_WEB_IDENTITY_TOKEN_FILE": home.path + "/absent",
        ], home: home, endpoint: endpoint)
        do {
            _ = try await WebIdentityCredentialProvider(context: missingFile).provide()
            Issue.record("a missing token file was accepted")
        } catch {
            #expect("\(error)".hasSuffix("cannot read the token file ~/absent"))
        }
    }

    @Test func webIdentityFromAProfile() async throws {
        let endpoint = try LocalAWS.endpoint()
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try home.write("oidc/token", "profile-oidc-token-value")
        try home.write(".aws/config", """
            [profile oidc]
            role_arn = arn:aws:iam::123456789012:role/tps-oidc
            web_identity_token_file = ~/oidc/token
            """)
        let context = try Self.context([:], home: home, endpoint: endpoint)
        let provided = try #require(try await ProfileCredentialProvider(profileName: "oidc", context: context).provide())
        #expect(provided.credentials.accessKeyId.hasPrefix("ASIA"))
        #expect(provided.source.hasPrefix("web identity (profile 'oidc' (~/.aws/config:2)"))
    }

    // MARK: ECS container endpoint

    static let containerDocument = """
        {"AccessKeyId":"AKIDCONTAINER","SecretAccessKey":"\(LocalAWS.secretAccessKey)","Token":"\(LocalAWS.sessionToken)",
         "Expiration":"2099-01-01T00:00:00Z","RoleArn":"arn:aws:iam::123456789012:role/task"}
        """

    @Test func containerFullURIWithTokenFileAndToken() async throws {
        let server = try await ScriptedHTTPServer.start { request in
            request.header("Authorization") == "Bearer task-auth-token"
                ? .json(200, Self.containerDocument) : .json(401, #"{"error":"unauthorized"}"#)
        }
        defer { Task { await server.stop() } }
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let tokenFile = try home.write("auth", "Bearer task-auth-token\n")

        let viaFile = ContainerCredentialProvider(environment: AWSEnvironment([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/v2/credentials/abc",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer ignored-when-a-file-is-set",
        ]))
        let provided = try #require(try await viaFile.provide())
        #expect(provided.credentials.accessKeyId == "AKIDCONTAINER")
        #expect(provided.credentials.sessionToken == LocalAWS.sessionToken)
        #expect(provided.source == "ECS container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI → \(server.url))")
        #expect(server.requests.last?.uri == "/v2/credentials/abc")

        let viaToken = ContainerCredentialProvider(environment: AWSEnvironment([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer task-auth-token",
        ]))
        #expect(try await viaToken.provide()?.credentials.accessKeyId == "AKIDCONTAINER")

        let wrongToken = ContainerCredentialProvider(environment: AWSEnvironment([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer nope",
        ]))
        do {
            _ = try await wrongToken.provide()
            Issue.record("a 401 gave credentials")
        } catch {
            #expect("\(error)".hasSuffix("the endpoint answered HTTP 401"))
            #expect(!"\(error)".contains("nope"))
        }
    }

    @Test(arguments: ["http://169.254.170.2/creds", "http://127.0.0.1:9/c", "http://localhost:9/c", "https://creds.example.com/c",
                      "http://169.254.170.23/v1/credentials", "http://[::1]:9/c"])
    func containerFullURIAllowedHosts(url: String) throws {
        let provider = ContainerCredentialProvider(environment: AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": url]))
        #expect(try provider.endpoint()?.0 == url)
    }

    @Test(arguments: ["http://203.0.113.5/creds", "http://creds.example.com/c", "http://10.0.0.1/c"])
    func containerFullURIRejectsRemotePlainHTTP(url: String) async {
        let provider = ContainerCredentialProvider(environment: AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": url]))
        do {
            _ = try await provider.provide()
            Issue.record("\(url) was accepted over http")
        } catch {
            #expect("\(error)".contains("is not allowed over http"))
        }
    }

    @Test func containerRelativeURIUsesTheECSAgent() throws {
        let provider = ContainerCredentialProvider(environment: AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/x"]))
        #expect(try provider.endpoint()?.0 == "http://169.254.170.2/v2/credentials/x")
    }

    // MARK: EC2 instance metadata

    @Test func instanceMetadataV2TokenFlow() async throws {
        let server = try await ScriptedHTTPServer.start { request in
            switch (request.method, request.uri) {
            case ("PUT", "/latest/api/token"):
                return request.header("X-aws-ec2-metadata-token-ttl-seconds") == "21600" ? .text(200, "imds-session-token") : .text(400, "")
            case (_, _) where request.header("X-aws-ec2-metadata-token") != "imds-session-token":
                return .text(401, "")
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return .text(200, "tps-instance-role\n")
            case ("GET", "/latest/meta-data/iam/security-credentials/tps-instance-role"):
                return .json(200, """
                    {"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"AKIDIMDS","SecretAccessKey":"\(LocalAWS.secretAccessKey)",
                     "Token":"\(LocalAWS.sessionToken)","Expiration":"2099-01-01T00:00:00Z"}
                    """)
            default:
                return .text(404, "")
            }
        }
        defer { Task { await server.stop() } }
        let provider = InstanceMetadataCredentialProvider(
            environment: AWSEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url + "/"]), profile: nil)
        let provided = try #require(try await provider.provide())
        #expect(provided.credentials.accessKeyId == "AKIDIMDS")
        #expect(provided.source == "EC2 instance metadata (IMDSv2, role tps-instance-role)")
        #expect(server.requests.map { "\($0.method) \($0.uri)" } == [
            "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/tps-instance-role",
        ])
    }

    @Test func instanceMetadataWithoutARoleOrDisabledGivesNothing() async throws {
        let server = try await ScriptedHTTPServer.start { request in
            request.method == "PUT" ? .text(200, "t") : .text(404, "")
        }
        defer { Task { await server.stop() } }
        let noRole = InstanceMetadataCredentialProvider(
            environment: AWSEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url]), profile: nil)
        #expect(try await noRole.provide() == nil)
        let disabled = InstanceMetadataCredentialProvider(
            environment: AWSEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url, "AWS_EC2_METADATA_DISABLED": "true"]),
            profile: nil)
        let before = server.requests.count
        #expect(try await disabled.provide() == nil)
        #expect(server.requests.count == before)
    }

    // MARK: chain and cache

    @Test func chainOrderEnvironmentFirstThenProfile() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try home.write(".aws/credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n")
        let withEnvironment = try AWSConfiguration.load(environment: AWSEnvironment([
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_EC2_METADATA_DISABLED": "true",
        ], homeDirectory: home.path))
        #expect(try await withEnvironment.defaultCredentialProvider().required().source == "environment")
        let fileOnly = try AWSConfiguration.load(environment: AWSEnvironment(["AWS_EC2_METADATA_DISABLED": "true"],
                                                                             homeDirectory: home.path))
        #expect(try await fileOnly.defaultCredentialProvider().required().credentials.accessKeyId == "AKIDFILE")
        // `--profile` means that profile only, even with keys in the environment.
        try home.write(".aws/config", "[profile other]\nregion = ap-northeast-1\n")
        let flagged = try AWSConfiguration.load(AWSOverrides(profile: "other"), environment: AWSEnvironment([
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s",
        ], homeDirectory: home.path))
        await #expect(throws: AWSCredentialsError.noCredentials(tried: ["profile 'other' (~/.aws/credentials, ~/.aws/config)"])) {
            _ = try await flagged.defaultCredentialProvider().required()
        }
    }

    @Test func chainOrderWebIdentityBeforeProfileAndProfileBeforeContainer() async throws {
        let endpoint = try LocalAWS.endpoint()
        let server = try await ScriptedHTTPServer.start { _ in .json(200, Self.containerDocument) }
        defer { Task { await server.stop() } }
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let token = try home.write("token", "oidc-token-for-chain")
        try home.write(".aws/credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n")
        let base = [
            "AWS_ENDPOINT_URL": endpoint, "AWS_REGION": "ap-northeast-1", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/creds",
        ]
        let withWebIdentity = try AWSConfiguration.load(environment: AWSEnvironment(
            base.merging(["AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/tps-ci", "AWS_WEB_IDENTITY_TOKEN_FILE": token]) { $1 },
            homeDirectory: home.path))
        #expect(try await withWebIdentity.defaultCredentialProvider().required().source.hasPrefix("web identity"))
        let withProfile = try AWSConfiguration.load(environment: AWSEnvironment(base, homeDirectory: home.path))
        #expect(try await withProfile.defaultCredentialProvider().required().credentials.accessKeyId == "AKIDFILE")
        home.remove()
        let containerOnly = try AWSConfiguration.load(environment: AWSEnvironment(base, homeDirectory: home.path))
        #expect(try await containerOnly.defaultCredentialProvider().required().credentials.accessKeyId == "AKIDCONTAINER")
        #expect(server.requests.count == 1)
    }

    @Test func noSourceConfiguredListsWhatWasTried() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let configuration = try AWSConfiguration.load(environment: AWSEnvironment(["AWS_EC2_METADATA_DISABLED": "true"],
                                                                                  homeDirectory: home.path))
        do {
            _ = try await configuration.defaultCredentialProvider().required()
            Issue.record("credentials appeared from nowhere")
        } catch {
            #expect("\(error)" == "no AWS credentials found (tried: environment, web identity (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE), profile 'default' (~/.aws/credentials, ~/.aws/config), ECS container credentials, EC2 instance metadata (IMDSv2))")
        }
    }

    @Test func containerCredentialsAreCachedAndFetchedOnceForConcurrentCallers() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .json(200, Self.containerDocument) }
        defer { Task { await server.stop() } }
        let cache = CachingCredentialProvider(ContainerCredentialProvider(environment: AWSEnvironment([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/creds",
        ])))
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.required().credentials.accessKeyId } }
            for try await key in group { #expect(key == "AKIDCONTAINER") }
        }
        #expect(server.requests.count == 1)
    }

    @Test func temporaryCredentialsAreRefreshedBeforeTheyExpire() async throws {
        let clock = TestClock()
        let source = ExpiringSource(clock: clock, lifetime: 3600)
        let cache = CachingCredentialProvider(source, refreshWindow: 300, now: { clock.now })
        #expect(try await cache.required().credentials.accessKeyId == "AKIDGEN1")
        clock.advance(by: 3600 - 301)  // still outside the 5-minute window
        #expect(try await cache.required().credentials.accessKeyId == "AKIDGEN1")
        clock.advance(by: 2)           // inside it: refresh
        #expect(try await cache.required().credentials.accessKeyId == "AKIDGEN2")
        #expect(await source.fetches == 2)
    }

    @Test func aFailedRefreshKeepsStillValidCredentials() async throws {
        let clock = TestClock()
        let source = ExpiringSource(clock: clock, lifetime: 3600)
        let cache = CachingCredentialProvider(source, refreshWindow: 300, now: { clock.now })
        _ = try await cache.required()
        await source.failNext()
        clock.advance(by: 3400)
        #expect(try await cache.required().credentials.accessKeyId == "AKIDGEN1")
        clock.advance(by: 300)  // now past expiry: the failure surfaces
        await source.failNext()
        await #expect(throws: AWSCredentialsError.self) { _ = try await cache.required() }
    }
}

/// A settable clock for cache tests.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 2_000_000_000)
    var now: Date { lock.lock(); defer { lock.unlock() }; return current }
    func advance(by seconds: TimeInterval) { lock.lock(); current += seconds; lock.unlock() }
}

/// Hands out numbered credentials that expire `lifetime` seconds after each fetch.
actor ExpiringSource: AWSCredentialProvider {
    nonisolated let clock: TestClock
    let lifetime: TimeInterval
    private(set) var fetches = 0
    private var failing = false
    nonisolated var name: String { "expiring test source" }

    init(clock: TestClock, lifetime: TimeInterval) {
        self.clock = clock
        self.lifetime = lifetime
    }

    func failNext() { failing = true }

    func provide() async throws -> ProvidedCredentials? {
        if failing {
            failing = false
            throw AWSCredentialsError.sourceFailed(source: name, reason: "refresh failed")
        }
        fetches += 1
        return ProvidedCredentials(
            credentials: AWSCredentials(accessKeyId: "AKIDGEN\(fetches)", secretAccessKey: "s",
                                        expiration: clock.now.addingTimeInterval(lifetime)),
            source: name)
    }
}
