@testable import AWSClient
import Testing

@Suite("Endpoint resolution")
struct EndpointResolutionTests {
    static let config = """
        [profile local]
        endpoint_url = http://profile-global:1
        services = local-services
        [profile plain]
        endpoint_url = http://profile-global:1
        [profile ignoring]
        endpoint_url = http://profile-global:1
        ignore_configured_endpoint_urls = true
        [profile broken]
        services = nowhere
        [services local-services]
        dynamodb =
          endpoint_url = http://profile-dynamodb:2
        elastic_load_balancing_v2 =
          endpoint_url = http://profile-elbv2:3
        """

    static func resolver(flag: String? = nil, variables: [String: String] = [:], profile: String = "local") throws -> EndpointResolver {
        let files = SharedConfigFiles(config: try INIFile(parsing: config, displayPath: "~/.aws/config"),
                                      credentials: try INIFile(parsing: "", displayPath: "~/.aws/credentials"))
        return try EndpointResolver(explicitURL: flag, environment: AWSEnvironment(variables), profile: files.profile(profile),
                                    files: files)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var flag: String?
        var variables: [String: String]
        var profile: String
        var service: ServiceDescriptor
        var url: String
        var source: String
        var testDescription: String { "\(service.serviceId) from \(source)" }
    }

    static let cases: [Case] = [
        Case(flag: "http://flag:9/", variables: ["AWS_ENDPOINT_URL_DYNAMODB": "http://env-dynamodb:4", "AWS_ENDPOINT_URL": "http://env:5"],
             profile: "local", service: .dynamoDB, url: "http://flag:9", source: "--endpoint-url"),
        Case(flag: nil, variables: ["AWS_ENDPOINT_URL_DYNAMODB": "http://env-dynamodb:4", "AWS_ENDPOINT_URL": "http://env:5"],
             profile: "local", service: .dynamoDB, url: "http://env-dynamodb:4", source: "AWS_ENDPOINT_URL_DYNAMODB"),
        Case(flag: nil, variables: ["AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2": "http://env-elb:6", "AWS_ENDPOINT_URL": "http://env:5"],
             profile: "local", service: .elasticLoadBalancingV2, url: "http://env-elb:6",
             source: "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2"),
        Case(flag: nil, variables: ["AWS_ENDPOINT_URL_DYNAMODB": "http://env-dynamodb:4", "AWS_ENDPOINT_URL": "http://env:5"],
             profile: "local", service: .sqs, url: "http://env:5", source: "AWS_ENDPOINT_URL"),
        Case(flag: nil, variables: [:], profile: "local", service: .dynamoDB, url: "http://profile-dynamodb:2",
             source: "[services local-services] dynamodb.endpoint_url (~/.aws/config:12)"),
        Case(flag: nil, variables: [:], profile: "local", service: .elasticLoadBalancingV2, url: "http://profile-elbv2:3",
             source: "[services local-services] elastic_load_balancing_v2.endpoint_url (~/.aws/config:14)"),
        Case(flag: nil, variables: [:], profile: "local", service: .sqs, url: "http://profile-global:1",
             source: "profile 'local' endpoint_url (~/.aws/config:2)"),
        Case(flag: nil, variables: [:], profile: "none", service: .sqs, url: "https://sqs.ap-northeast-1.amazonaws.com",
             source: "default"),
        // Ignoring configured endpoints: environment and profile are skipped, the flag is not.
        Case(flag: nil, variables: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true", "AWS_ENDPOINT_URL": "http://env:5"],
             profile: "local", service: .dynamoDB, url: "https://dynamodb.ap-northeast-1.amazonaws.com", source: "default"),
        Case(flag: "http://flag:9", variables: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"],
             profile: "local", service: .dynamoDB, url: "http://flag:9", source: "--endpoint-url"),
        Case(flag: nil, variables: ["AWS_ENDPOINT_URL": "http://env:5"], profile: "ignoring", service: .sqs,
             url: "https://sqs.ap-northeast-1.amazonaws.com", source: "default"),
        // The environment's `false` beats the profile's `true`.
        Case(flag: nil, variables: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"], profile: "ignoring", service: .sqs,
             url: "http://profile-global:1", source: "profile 'ignoring' endpoint_url (~/.aws/config:7)"),
    ]

    @Test(arguments: cases)
    func precedence(_ testCase: Case) throws {
        let resolved = try Self.resolver(flag: testCase.flag, variables: testCase.variables, profile: testCase.profile)
            .resolve(testCase.service, region: "ap-northeast-1")
        #expect(resolved.url == testCase.url)
        #expect(resolved.source == testCase.source)
        #expect(resolved.signingRegion == "ap-northeast-1")
    }

    @Test(arguments: [
        (ServiceDescriptor.sts, "ap-northeast-2", "https://sts.ap-northeast-2.amazonaws.com", "ap-northeast-2"),
        (.iam, "ap-northeast-2", "https://iam.amazonaws.com", "us-east-1"),
        (.cloudFront, "ap-northeast-1", "https://cloudfront.amazonaws.com", "us-east-1"),
        (.ecr, "ap-northeast-1", "https://api.ecr.ap-northeast-1.amazonaws.com", "ap-northeast-1"),
        (.cloudWatch, "ap-northeast-1", "https://monitoring.ap-northeast-1.amazonaws.com", "ap-northeast-1"),
        (.resourceGroupsTagging, "ap-northeast-1", "https://tagging.ap-northeast-1.amazonaws.com", "ap-northeast-1"),
        (.iam, "cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        (.sqs, "cn-northwest-1", "https://sqs.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
    ] as [(ServiceDescriptor, String, String, String)])
    func defaultEndpoints(service: ServiceDescriptor, region: String, url: String, signingRegion: String) throws {
        let resolved = try EndpointResolver().resolve(service, region: region)
        #expect(resolved.url == url)
        #expect(resolved.signingRegion == signingRegion)
    }

    @Test func globalServicesSignForTheirHomeRegionOnCustomEndpointsToo() throws {
        let resolved = try EndpointResolver(explicitURL: "http://127.0.0.1:4566").resolve(.iam, region: "ap-northeast-2")
        #expect(resolved.signingRegion == "us-east-1")
    }

    @Test(arguments: [
        (ServiceDescriptor.elasticLoadBalancingV2, "ELASTIC_LOAD_BALANCING_V2", "elastic_load_balancing_v2"),
        (.dynamoDB, "DYNAMODB", "dynamodb"),
        (.cloudWatchLogs, "CLOUDWATCH_LOGS", "cloudwatch_logs"),
        (.applicationAutoScaling, "APPLICATION_AUTO_SCALING", "application_auto_scaling"),
        (.secretsManager, "SECRETS_MANAGER", "secrets_manager"),
        (.resourceGroupsTagging, "RESOURCE_GROUPS_TAGGING_API", "resource_groups_tagging_api"),
    ] as [(ServiceDescriptor, String, String)])
    func serviceKeysFollowTheSDKServiceIds(service: ServiceDescriptor, environmentKey: String, configKey: String) {
        #expect(service.environmentKey == environmentKey)
        #expect(service.configKey == configKey)
    }

    @Test func badURLsAndMissingServicesSectionsAreNamed() throws {
        #expect(throws: AWSConfigurationError.self) {
            try Self.resolver(flag: "127.0.0.1:4566")
        }
        do {
            _ = try Self.resolver(variables: ["AWS_ENDPOINT_URL_SQS": "ftp://x"]).resolve(.sqs, region: "ap-northeast-1")
            Issue.record("an ftp endpoint was accepted")
        } catch {
            #expect("\(error)".contains("(from AWS_ENDPOINT_URL_SQS)"))
        }
        do {
            _ = try Self.resolver(profile: "broken")
            Issue.record("a dangling services reference was accepted")
        } catch {
            #expect("\(error)" == "profile 'broken' (~/.aws/config:10): services = nowhere names no '[services nowhere]' section")
        }
    }
}
