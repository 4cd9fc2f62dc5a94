/// The services' CloudWatch log groups.
public struct LogsConfig: Sendable, Equatable {
    /// One of `LogRetention.allowedDays`.
    public var retentionDays: Int

    public init(retentionDays: Int = 30) {
        self.retentionDays = retentionDays
    }
}
