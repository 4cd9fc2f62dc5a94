/// Where a load balancer's attributes say its access logs go (`access_logs.s3.bucket`,
/// `.prefix`); nil in discovery while `access_logs.s3.enabled` is not true.
public struct AccessLogDestination: Sendable, Hashable {
    public var bucket: String
    public var prefix: String

    public init(bucket: String, prefix: String) {
        self.bucket = bucket
        self.prefix = prefix
    }

    /// From DescribeLoadBalancerAttributes' answer.
    init?(attributes: [String: String]) {
        guard attributes["access_logs.s3.enabled"] == "true", let bucket = attributes["access_logs.s3.bucket"], !bucket.isEmpty
        else { return nil }
        self.init(bucket: bucket, prefix: attributes["access_logs.s3.prefix"] ?? "")
    }
}
