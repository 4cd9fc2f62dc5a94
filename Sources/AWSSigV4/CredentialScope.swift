/// `20150830/us-east-1/iam/aws4_request`: what a signature is valid for, and the path the
/// signing key is derived along.
struct CredentialScope: Sendable, Hashable {
    var day: String
    var region: String
    var service: String

    static let terminator = "aws4_request"

    var string: String { "\(day)/\(region)/\(service)/\(Self.terminator)" }

    /// The `Credential=` value: access key id, then the scope.
    func credential(accessKeyId: String) -> String { "\(accessKeyId)/\(string)" }
}
