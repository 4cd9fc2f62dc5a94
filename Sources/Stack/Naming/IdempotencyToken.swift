import Crypto

/// Client tokens (EC2 ClientToken, ECS clientToken, CloudFront CallerReference, ...) derived
/// from what is being created rather than drawn at random (DESIGN invariant 3): a create that
/// is retried or resumed after a crash sends the same token, so AWS returns the resource it
/// already made instead of a second one.
public enum IdempotencyToken {
    /// The lowercase hex SHA-256 of stack, region and resource, cut to `maxLength` (≤ 64).
    ///
    /// `generation` distinguishes a deliberate re-creation of a deleted resource: EC2 remembers
    /// tokens for a while, and reusing one would hand back the deleted resource. Pass something
    /// that changes with the desired resource (e.g. a hash of its spec), or leave it empty.
    /// `region` is nil for global resources.
    public static func derive(stack: String, region: AWSRegion?, resource: String, generation: String = "",
                              maxLength: Int = 64) -> String {
        // Length-prefixed fields: no choice of values can make two different inputs collide.
        let material = ["tps-idempotency-v1", stack, region?.name ?? "global", resource, generation]
            .map { "\($0.utf8.count):\($0)" }.joined()
        let hex = SHA256.hash(data: Array(material.utf8)).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        return String(hex.prefix(max(1, min(maxLength, hex.count))))
    }

    /// ECS CreateService/RunTask accept at most 36 characters; EC2 and CloudFront 64 or more.
    public static let ecsMaxLength = 36
    public static let ec2MaxLength = 64
}
