@testable import AWSClient
import Testing

@Suite("Region resolution")
struct RegionResolutionTests {
    static let profile = Profile(
        name: "dev", settings: ["region": .init(value: "eu-west-1", location: "~/.aws/config:2", subProperties: [:])],
        location: "~/.aws/config:1")

    /// flag, AWS_REGION, AWS_DEFAULT_REGION, profile → expected name and source.
    @Test(arguments: [
        ("us-west-2", "ap-northeast-1", "ap-northeast-2", true, "us-west-2", "--region"),
        (nil, "ap-northeast-1", "ap-northeast-2", true, "ap-northeast-1", "AWS_REGION"),
        (nil, nil, "ap-northeast-2", true, "ap-northeast-2", "AWS_DEFAULT_REGION"),
        (nil, nil, nil, true, "eu-west-1", "profile 'dev' (~/.aws/config:2)"),
    ] as [(String?, String?, String?, Bool, String, String)])
    func precedence(flag: String?, region: String?, defaultRegion: String?, useProfile: Bool,
                    expected: String, source: String) throws {
        var variables: [String: String] = [:]
        variables["AWS_REGION"] = region
        variables["AWS_DEFAULT_REGION"] = defaultRegion
        let resolved = try RegionResolver.resolve(
            flag: flag, environment: AWSEnvironment(variables), profile: useProfile ? Self.profile : nil)
        #expect(resolved == ResolvedRegion(name: expected, source: source))
    }

    @Test func noRegionAnywhereIsNil() throws {
        #expect(try RegionResolver.resolve(flag: nil, environment: AWSEnvironment(), profile: nil) == nil)
    }

    @Test func emptyVariablesCountAsUnset() throws {
        let resolved = try RegionResolver.resolve(
            flag: nil, environment: AWSEnvironment(["AWS_REGION": "", "AWS_DEFAULT_REGION": "ap-northeast-2"]), profile: nil)
        #expect(resolved?.source == "AWS_DEFAULT_REGION")
    }

    @Test(arguments: [
        ("ap-northeast-9", nil, "unknown region 'ap-northeast-9' (from --region)"),
        (nil, "tokyo", "unknown region 'tokyo' (from AWS_REGION)"),
    ] as [(String?, String?, String)])
    func unknownRegionNamesItsSource(flag: String?, variable: String?, message: String) {
        var variables: [String: String] = [:]
        variables["AWS_REGION"] = variable
        do {
            _ = try RegionResolver.resolve(flag: flag, environment: AWSEnvironment(variables), profile: nil)
            Issue.record("an unknown region was accepted")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func knownRegionsCoverTheDeploymentRegionsAndPartitions() {
        #expect(AWSPartition.isKnownRegion("ap-northeast-1"))
        #expect(AWSPartition.isKnownRegion("ap-northeast-2"))
        #expect(AWSPartition.containing("cn-north-1")?.dnsSuffix == "amazonaws.com.cn")
        #expect(!AWSPartition.isKnownRegion("aws-global"))
    }
}
