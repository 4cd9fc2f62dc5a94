@testable import AWSClient
import Testing
@testable import AWSClientTestSupport

@Suite("Shared config file parsing")
struct INIFileTests {
    @Test func readsProfilesCommentsAndContinuations() throws {
        let text = """
            # a comment
            ; another comment
            [default]
            region = ap-northeast-1   # trailing comment
            output=json

            [profile dev]
            region = ap-northeast-2
            credential_process = /usr/bin/helper --flag
              --more
            s3 =
              max_concurrent_requests = 10
              addressing_style = path
            [services local]
            dynamodb =
              endpoint_url = http://127.0.0.1:8000
            """
        let file = try INIFile(parsing: text, displayPath: "~/.aws/config")
        #expect(file.section("default")?.properties["region"]?.value == "ap-northeast-1")
        #expect(file.section("default")?.properties["output"]?.value == "json")
        #expect(file.section("profile dev")?.properties["credential_process"]?.value == "/usr/bin/helper --flag\n--more")
        #expect(file.section("profile dev")?.properties["s3"]?.subProperties == [
            "max_concurrent_requests": "10", "addressing_style": "path",
        ])
        #expect(file.section("services local")?.properties["dynamodb"]?.subProperties["endpoint_url"] == "http://127.0.0.1:8000")
        #expect(file.section("profile dev")?.properties["region"]?.line == 8)
    }

    @Test(arguments: [
        ("[default]\nregion = x\nthis line has no equals\n", 3, "expected 'key = value'"),
        ("region = ap-northeast-1\n", 1, "expected a '[section]' header before 'key = value'"),
        ("[default\nregion = x\n", 1, "expected ']' to close the section header"),
        ("[default]\n= value\n", 2, "expected 'key = value' (missing key before '=')"),
        ("[]\n", 1, "empty section name '[]'"),
        ("[default]\ns3 =\n  no equals here\n", 3, "expected 'key = value' in the sub-properties of 's3'"),
    ])
    func malformedLinesNameFileAndLine(text: String, line: Int, reason: String) {
        #expect(throws: AWSConfigurationError.malformedFile(path: "~/.aws/config", line: line, reason: reason)) {
            try INIFile(parsing: text, displayPath: "~/.aws/config")
        }
        let message = "\(AWSConfigurationError.malformedFile(path: "~/.aws/config", line: line, reason: reason))"
        #expect(message == "~/.aws/config:\(line): \(reason)")
    }

    @Test func configUsesProfilePrefixCredentialsDoNot() throws {
        let files = SharedConfigFiles(
            config: try INIFile(parsing: """
                [default]
                region = us-east-1
                [profile dev]
                region = ap-northeast-2
                aws_access_key_id = FROM_CONFIG
                [ignored]
                region = eu-west-1
                """, displayPath: "~/.aws/config"),
            credentials: try INIFile(parsing: """
                [dev]
                aws_access_key_id = FROM_CREDENTIALS
                aws_secret_access_key = s
                [profile odd]
                aws_access_key_id = x
                """, displayPath: "~/.aws/credentials"))
        let dev = try #require(files.profile("dev"))
        #expect(dev["region"] == "ap-northeast-2")
        #expect(dev["aws_access_key_id"] == "FROM_CREDENTIALS")
        #expect(dev.location(of: "aws_access_key_id") == "~/.aws/credentials:2")
        #expect(dev.location(of: "region") == "~/.aws/config:4")
        #expect(files.profile("default")?["region"] == "us-east-1")
        // `[ignored]` in the config file is not a profile (it lacks the `profile ` prefix).
        #expect(files.profile("ignored") == nil)
        #expect(files.profile("odd") == nil)
    }

    @Test func profileDefaultHeaderWinsOverPlainDefault() throws {
        let files = SharedConfigFiles(
            config: try INIFile(parsing: "[default]\nregion = us-east-1\n[profile default]\nregion = eu-west-1\n",
                                displayPath: "c"),
            credentials: try INIFile(parsing: "", displayPath: "k"))
        #expect(files.profile("default")?["region"] == "eu-west-1")
    }

    @Test func missingFilesReadAsEmptyAndMalformedFilesFailWithTheirPath() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let environment = AWSEnvironment([:], homeDirectory: home.path)
        let empty = try SharedConfigFiles.load(environment: environment)
        #expect(empty.config.sections.isEmpty && empty.credentials.sections.isEmpty)

        try home.write(".aws/config", "[default]\nregion = ap-northeast-1\n\n\n[profile x]\nnonsense\n")
        #expect(throws: AWSConfigurationError.malformedFile(path: "~/.aws/config", line: 6, reason: "expected 'key = value'")) {
            try SharedConfigFiles.load(environment: environment)
        }
        let custom = try home.write("elsewhere/credentials", "[default]\naws_access_key_id\n")
        let viaVariable = AWSEnvironment(["AWS_SHARED_CREDENTIALS_FILE": custom], homeDirectory: "/nonexistent")
        #expect(throws: AWSConfigurationError.malformedFile(path: custom, line: 2, reason: "expected 'key = value'")) {
            try SharedConfigFiles.load(environment: viaVariable)
        }
    }
}
