import AWSClient
import Foundation

/// Where ELB puts one delivery of a load balancer's log, as AWS documents the file name:
/// `[<prefix>/]AWSLogs/<account>/elasticloadbalancing/<region>/yyyy/mm/dd/<account>_elasticloadbalancing_<region>_app.<name>.<id>_<end-time>_<ip>_<random>.log.gz`,
/// with the end of the interval as `yyyymmddThhmmZ` and the day of that end.
public struct AccessLogObjectKey: Sendable {
    public let prefix: String
    /// The load balancer's ARN (`arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>`).
    public let loadBalancerArn: String
    /// The node's address (the local ALB's loopback address).
    public let nodeAddress: String

    public init(prefix: String, loadBalancerArn: String, nodeAddress: String) {
        self.prefix = prefix
        self.loadBalancerArn = loadBalancerArn
        self.nodeAddress = nodeAddress
    }

    var arnParts: [Substring] { loadBalancerArn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false) }
    public var region: String { arnParts.count == 6 ? String(arnParts[3]) : "" }
    public var account: String { arnParts.count == 6 ? String(arnParts[4]) : "" }
    /// `app/<name>/<id>`, the log lines' `elb` field.
    public var loadBalancerId: String {
        guard arnParts.count == 6, let slash = arnParts[5].firstIndex(of: "/") else { return "" }
        return String(arnParts[5][arnParts[5].index(after: slash)...])
    }

    /// The key of the delivery for the interval ending at `end`.
    public func key(end: Date, random: String) -> String {
        let stamp = ISO8601Timestamp.format(end)  // 2026-12-08T01:02:03Z
        let day = stamp.prefix(10).replacingOccurrences(of: "-", with: "/")
        let minute = stamp.prefix(16).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z"
        let name = "\(account)_elasticloadbalancing_\(region)_\(loadBalancerId.replacingOccurrences(of: "/", with: "."))"
            + "_\(minute)_\(nodeAddress)_\(random).log.gz"
        return (prefix.isEmpty ? "" : prefix + "/") + "AWSLogs/\(account)/elasticloadbalancing/\(region)/\(day)/\(name)"
    }
}
