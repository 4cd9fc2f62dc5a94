/// A group of regions sharing a DNS suffix and a home for global services. The region lists
/// follow botocore's endpoints.json (commercial, China, GovCloud), so a typo in a region name
/// fails at once instead of as a DNS error later.
public struct AWSPartition: Sendable, Equatable {
    /// Where a global service (IAM, CloudFront) answers in this partition, and the region it signs for.
    public struct GlobalEndpoint: Sendable, Equatable {
        public var host: String
        public var signingRegion: String
    }

    public var id: String
    public var dnsSuffix: String
    public var regions: Set<String>
    /// Keyed by endpoint prefix (`iam`, `cloudfront`).
    public var globalEndpoints: [String: GlobalEndpoint]

    public static let aws = AWSPartition(
        id: "aws", dnsSuffix: "amazonaws.com",
        regions: [
            "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
            "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1",
            "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2",
            "us-west-1", "us-west-2",
        ],
        globalEndpoints: [
            "iam": GlobalEndpoint(host: "iam.amazonaws.com", signingRegion: "us-east-1"),
            "cloudfront": GlobalEndpoint(host: "cloudfront.amazonaws.com", signingRegion: "us-east-1"),
            "route53": GlobalEndpoint(host: "route53.amazonaws.com", signingRegion: "us-east-1"),
            // WAFv2's CLOUDFRONT scope (the only one tpsctl uses) is served in us-east-1.
            "wafv2": GlobalEndpoint(host: "wafv2.us-east-1.amazonaws.com", signingRegion: "us-east-1"),
        ])

    public static let china = AWSPartition(
        id: "aws-cn", dnsSuffix: "amazonaws.com.cn",
        regions: ["cn-north-1", "cn-northwest-1"],
        globalEndpoints: [
            "iam": GlobalEndpoint(host: "iam.cn-north-1.amazonaws.com.cn", signingRegion: "cn-north-1"),
            "cloudfront": GlobalEndpoint(host: "cloudfront.cn-northwest-1.amazonaws.com.cn", signingRegion: "cn-northwest-1"),
        ])

    public static let govCloud = AWSPartition(
        id: "aws-us-gov", dnsSuffix: "amazonaws.com",
        regions: ["us-gov-east-1", "us-gov-west-1"],
        globalEndpoints: [
            "iam": GlobalEndpoint(host: "iam.us-gov.amazonaws.com", signingRegion: "us-gov-west-1"),
        ])

    public static let all: [AWSPartition] = [.aws, .china, .govCloud]

    /// The partition holding `region`, or `nil` for an unknown region.
    public static func containing(_ region: String) -> AWSPartition? {
        all.first { $0.regions.contains(region) }
    }

    public static func isKnownRegion(_ region: String) -> Bool {
        containing(region) != nil
    }
}
