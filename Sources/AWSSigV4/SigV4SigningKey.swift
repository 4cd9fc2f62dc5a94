import Crypto

/// The key that signs strings to sign for one credential scope:
/// HMAC chain `"AWS4"+secret` → day → region → service → `aws4_request`.
///
/// It is valid for a whole UTC day, region and service, so deriving it once and reusing it
/// (see `SigV4SigningKeyCache`) saves four HMACs per request. It is as sensitive as the
/// secret itself: `description` shows only the scope.
public struct SigV4SigningKey: Sendable, CustomStringConvertible {
    let key: SymmetricKey
    let scope: CredentialScope

    /// Derives the key; `day` is `YYYYMMDD`.
    public init(secretAccessKey: String, day: String, region: String, service: String) {
        var key = SymmetricKey(data: Array("AWS4\(secretAccessKey)".utf8))
        for step in [day, region, service, CredentialScope.terminator] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(step.utf8), using: key))
        }
        self.key = key
        self.scope = CredentialScope(day: day, region: region, service: service)
    }

    /// The lowercase hex HMAC-SHA256 of `stringToSign`: the signature.
    public func signature(for stringToSign: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    public var description: String { "SigV4SigningKey(scope: \(scope.string), key: <redacted>)" }
}
