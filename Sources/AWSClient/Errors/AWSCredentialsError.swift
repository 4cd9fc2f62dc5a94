/// No usable credentials. Descriptions name the source and what is wrong with it, never a
/// secret value.
public enum AWSCredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every source of the chain was tried and none was configured.
    case noCredentials(tried: [String])
    /// A source is configured but incomplete (`AWS_ACCESS_KEY_ID` without `AWS_SECRET_ACCESS_KEY`).
    case incomplete(source: String, reason: String)
    /// A configured source failed to deliver (STS refused, the process exited 1, the endpoint is down).
    case sourceFailed(source: String, reason: String)

    public var description: String {
        switch self {
        case .noCredentials(let tried):
            return "no AWS credentials found (tried: \(tried.joined(separator: ", ")))"
        case .incomplete(let source, let reason):
            return "incomplete credentials from \(source): \(reason)"
        case .sourceFailed(let source, let reason):
            return "credentials from \(source) failed: \(reason.replacingNewlines())"
        }
    }
}
