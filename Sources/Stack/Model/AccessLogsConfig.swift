/// `alb.accessLogs`: each region's ALB writes its access logs to a bucket of its own in that
/// region (`<stack>-<account>-<region-short>-alb-logs`), kept `retentionDays`. The logs are data:
/// a `production` stack's `down` keeps the buckets, any other stack's empties and deletes them.
public struct AccessLogsConfig: Sendable, Equatable {
    public var enabled: Bool
    /// The key prefix under the bucket (`<prefix>/AWSLogs/<account>/…`); nil: none.
    public var prefix: String?
    /// Log objects expire this many days after they were written (an S3 lifecycle rule).
    public var retentionDays: Int

    public init(enabled: Bool = false, prefix: String? = nil, retentionDays: Int = 90) {
        self.enabled = enabled
        self.prefix = prefix
        self.retentionDays = retentionDays
    }

    /// S3 lifecycle expiration takes any positive number of days; ten years is plenty for logs.
    public static let retentionRange = 1...3650

    /// nil when ELB accepts `prefix`, else why not. ELB refuses a prefix containing `AWSLogs`
    /// (it adds that itself) and one with a leading or trailing slash; the characters are
    /// those S3 keys take without encoding.
    static func problemWithPrefix(_ prefix: String) -> String? {
        if prefix.isEmpty || prefix.count > 200 { return "must be 1–200 characters, got \(prefix.count)" }
        if prefix.contains("AWSLogs") { return "must not contain 'AWSLogs' (ELB adds AWSLogs/<account>/… itself)" }
        if prefix.hasPrefix("/") || prefix.hasSuffix("/") { return "must not start or end with '/'" }
        if prefix.contains("//") { return "must not contain '//'" }
        let allowed = prefix.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "!-_.*'()/".unicodeScalars.contains($0)
        }
        return allowed ? nil : "'\(prefix)' may hold only letters, digits and ! - _ . * ' ( ) /"
    }
}
