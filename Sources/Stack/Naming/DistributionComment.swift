/// The comment that marks a stack's CloudFront distribution: stage 07 writes it, and the
/// local data plane serves only distributions that carry it (one convention, one place).
public enum DistributionComment {
    public static func of(stackName: String) -> String { "tpsctl stack \(stackName)" }
}
