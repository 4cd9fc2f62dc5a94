/// The internet-facing ALB of each region and its target groups.
public struct LoadBalancerConfig: Sendable, Equatable {
    /// ACM certificates are regional, so each region names its own; a region without one gets
    /// an HTTP listener only, a region with one gets HTTPS plus an HTTP→HTTPS redirect.
    public var certificateARNs: [AWSRegion: String]
    /// Seconds a draining target keeps in-flight requests; short keeps deploys fast.
    public var deregistrationDelaySeconds: Int
    public var idleTimeoutSeconds: Int
    public var healthCheckIntervalSeconds: Int
    public var healthyThreshold: Int
    public var unhealthyThreshold: Int
    public var sslPolicy: String
    /// Access logs to S3 (`alb.accessLogs`); off unless the stack asks.
    public var accessLogs: AccessLogsConfig

    public init(certificateARNs: [AWSRegion: String] = [:], deregistrationDelaySeconds: Int = 10,
                idleTimeoutSeconds: Int = 60, healthCheckIntervalSeconds: Int = 10, healthyThreshold: Int = 2,
                unhealthyThreshold: Int = 3, sslPolicy: String = "ELBSecurityPolicy-TLS13-1-2-2021-06",
                accessLogs: AccessLogsConfig = AccessLogsConfig()) {
        self.certificateARNs = certificateARNs
        self.deregistrationDelaySeconds = deregistrationDelaySeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.healthCheckIntervalSeconds = healthCheckIntervalSeconds
        self.healthyThreshold = healthyThreshold
        self.unhealthyThreshold = unhealthyThreshold
        self.sslPolicy = sslPolicy
        self.accessLogs = accessLogs
    }

    public static let deregistrationDelayRange = 0...3600
    public static let idleTimeoutRange = 1...4000
    public static let healthCheckIntervalRange = 5...300
    public static let thresholdRange = 2...10

    /// nil when `arn` is an ACM certificate ARN of `region`, otherwise why not.
    static func problemWithCertificate(_ arn: String, region: AWSRegion) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "acm",
              parts[4].count == 12, parts[4].allSatisfy(\.isASCIIDigit), parts[5].hasPrefix("certificate/") else {
            return "'\(arn)' is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)"
        }
        guard parts[3] == region.name else {
            return "the certificate is in \(parts[3]), but an ALB in \(region.name) needs one from \(region.name)"
        }
        return nil
    }
}
