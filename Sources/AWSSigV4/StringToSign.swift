/// The string the signing key signs: algorithm, timestamp, scope and the hash of the
/// canonical request, one per line.
enum StringToSign {
    static let algorithm = "AWS4-HMAC-SHA256"

    static func make(timestamp: SigV4Timestamp, scope: CredentialScope, canonicalRequest: String) -> String {
        "\(algorithm)\n\(timestamp.amzDate)\n\(scope.string)\n\(SHA256Hex.digest(canonicalRequest))"
    }
}
