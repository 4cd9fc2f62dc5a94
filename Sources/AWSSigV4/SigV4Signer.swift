// PUBLIC API CONTRACT of AWSSigV4 (the sigv4 work fills in the bodies; names and
// signatures below are fixed because AWSClient is written against them — add, don't change).
import Foundation

/// A set of AWS credentials. `description` never shows the secret or the token.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?
    public var expiration: Date?
    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId; self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken; self.expiration = expiration
    }
    public var description: String { "AWSCredentials(accessKeyId: \(accessKeyId), secret: <redacted>)" }
}

/// What the signer hashes as the payload.
public enum SigV4Payload: Sendable {
    case bytes([UInt8])
    case unsigned          // "UNSIGNED-PAYLOAD"
    case precomputed(String) // hex SHA-256 already known (e.g. streamed upload)
}

public struct SigV4Options: Sendable {
    /// Normalize the URI path (remove dot segments, collapse slashes). S3 turns this off.
    public var normalizePath: Bool = true
    /// Percent-encode the path a second time (every service but S3).
    public var doubleURIEncode: Bool = true
    /// Add `x-amz-content-sha256` to the signed headers (S3 style).
    public var addContentSHA256Header: Bool = false
    /// Sign the session token (true) or append it after signing (some services, e.g. IoT).
    public var signSessionToken: Bool = true
    public init() {}
}

/// An HTTP request as the signer sees it. Header names keep their case; order is kept.
public struct SigV4Request: Sendable {
    public var method: String
    /// Full URL: scheme, host[:port], raw path and raw query exactly as they go on the wire.
    public var url: String
    public var headers: [(name: String, value: String)]
    public var payload: SigV4Payload
    public init(method: String, url: String, headers: [(name: String, value: String)], payload: SigV4Payload) {
        self.method = method; self.url = url; self.headers = headers; self.payload = payload
    }
}

/// Intermediate artefacts, exposed so the official suite can check each step.
public struct SigV4Artifacts: Sendable {
    public var canonicalRequest: String
    public var stringToSign: String
    public var signature: String
}

public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    public var service: String
    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials; self.region = region; self.service = service
    }

    /// Returns the request with `X-Amz-Date`, `Host` (if absent), `X-Amz-Security-Token`
    /// (when a session token is present) and `Authorization` added.
    public func sign(_ request: SigV4Request, date: Date, options: SigV4Options = .init()) -> SigV4Request {
        fatalError("not yet implemented")
    }

    /// Same as `sign`, also returning the canonical request, string to sign and signature.
    public func signWithArtifacts(_ request: SigV4Request, date: Date, options: SigV4Options = .init()) -> (SigV4Request, SigV4Artifacts) {
        fatalError("not yet implemented")
    }

    /// A presigned URL (query-string auth) valid for `expires` seconds.
    public func presign(_ request: SigV4Request, date: Date, expires: Int, options: SigV4Options = .init()) -> String {
        fatalError("not yet implemented")
    }
}
