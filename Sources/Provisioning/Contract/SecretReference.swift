/// Points at a secret (a Secrets Manager ARN) without holding its value. State files and the
/// generated environment record secrets only in this form, so there is no API that writes
/// a secret value to disk.
public struct SecretReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public let arn: String

    public init(arn: String) { self.arn = arn }

    /// Recorded as `{"secretArn": …}`, the form state files have always had.
    private enum CodingKeys: String, CodingKey { case arn = "secretArn" }

    public var description: String { "secret \(arn)" }
}
