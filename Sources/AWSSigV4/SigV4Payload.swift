/// What the signer hashes as the payload (the last line of the canonical request).
public enum SigV4Payload: Sendable {
    /// The body bytes; the signer hashes them with SHA-256.
    case bytes([UInt8])
    /// `UNSIGNED-PAYLOAD`: the body is not covered by the signature (S3 presigned URLs,
    /// large uploads over TLS).
    case unsigned
    /// The lowercase hex SHA-256 of the body, already known (e.g. a streamed upload hashed
    /// while it was written to disk).
    case precomputed(String)

    /// The literal AWS uses in place of a body hash when the payload is not signed.
    public static let unsignedPayloadLiteral = "UNSIGNED-PAYLOAD"

    /// The value that goes on the payload line of the canonical request and in
    /// `x-amz-content-sha256`.
    public var hashHex: String {
        switch self {
        case .bytes(let body): return SHA256Hex.digest(body)
        case .unsigned: return Self.unsignedPayloadLiteral
        case .precomputed(let hex): return hex
        }
    }
}
