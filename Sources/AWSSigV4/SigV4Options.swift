/// The per-service knobs of SigV4. The defaults suit every service except S3.
public struct SigV4Options: Sendable {
    /// Normalize the URI path (remove dot segments, collapse slashes). S3 turns this off.
    public var normalizePath: Bool = true
    /// Percent-encode the path a second time (every service but S3).
    public var doubleURIEncode: Bool = true
    /// Add `x-amz-content-sha256` to the signed headers (S3 style). Header signing only: a
    /// presigned URL carries no such header.
    public var addContentSHA256Header: Bool = false
    /// Sign the session token (true) or append it after signing (some services, e.g. IoT).
    public var signSessionToken: Bool = true

    public init() {}

    /// The options S3 expects: no path normalization, no second encoding, and the payload
    /// hash sent in `x-amz-content-sha256`.
    public static var s3: SigV4Options {
        var options = SigV4Options()
        options.normalizePath = false
        options.doubleURIEncode = false
        options.addContentSHA256Header = true
        return options
    }
}
