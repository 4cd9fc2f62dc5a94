import FoundationEssentials

/// Signs requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`), either in headers
/// (`Authorization`) or as a presigned URL (query parameters).
///
/// Pure: no I/O and no clock. The caller passes the signing time, so retries and tests are
/// deterministic.
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    public var service: String
    /// Where derived signing keys are kept between requests; `nil` derives one per request.
    public var signingKeyCache: SigV4SigningKeyCache? = nil

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    public init(credentials: AWSCredentials, region: String, service: String, signingKeyCache: SigV4SigningKeyCache?) {
        self.init(credentials: credentials, region: region, service: service)
        self.signingKeyCache = signingKeyCache
    }

    /// Header names the signer sets itself (spelled as AWS documents them).
    enum HeaderName {
        static let authorization = "Authorization"
        static let date = "X-Amz-Date"
        static let securityToken = "X-Amz-Security-Token"
        static let contentSHA256 = "x-amz-content-sha256"
        static let host = "Host"
    }

    /// Returns the request with `X-Amz-Date`, `Host` (if absent), `X-Amz-Security-Token`
    /// (when a session token is present) and `Authorization` added.
    public func sign(_ request: SigV4Request, date: Date, options: SigV4Options = .init()) -> SigV4Request {
        signWithArtifacts(request, date: date, options: options).0
    }

    /// Same as `sign`, also returning the canonical request, string to sign and signature.
    ///
    /// Headers the signer owns (`Authorization`, `X-Amz-Date`, and with a session token
    /// `X-Amz-Security-Token`, with `addContentSHA256Header` `x-amz-content-sha256`) are
    /// replaced, so signing a request again (a retry) gives a clean result. The added headers
    /// follow the request's own, in the order token, date, content hash, authorization.
    public func signWithArtifacts(_ request: SigV4Request, date: Date, options: SigV4Options = .init()) -> (SigV4Request, SigV4Artifacts) {
        let timestamp = SigV4Timestamp(date)
        let scope = CredentialScope(day: timestamp.day, region: region, service: service)
        let url = WireURL(request.url)
        let payloadHash = request.payload.hashHex
        let token = credentials.sessionToken

        var replaced: Set<String> = ["authorization", "x-amz-date"]
        if token != nil { replaced.insert("x-amz-security-token") }
        if options.addContentSHA256Header { replaced.insert("x-amz-content-sha256") }
        var headers = request.headers.filter { !replaced.contains($0.name.lowercased()) }
        Self.addHostIfAbsent(to: &headers, url: url)
        if let token { headers.append((HeaderName.securityToken, token)) }
        headers.append((HeaderName.date, timestamp.amzDate))
        if options.addContentSHA256Header { headers.append((HeaderName.contentSHA256, payloadHash)) }

        let signed = token != nil && !options.signSessionToken
            ? headers.filter { $0.name.lowercased() != "x-amz-security-token" }
            : headers
        let canonicalHeaders = CanonicalHeaders(signed)
        let canonicalRequest = CanonicalRequest.make(
            method: request.method,
            uri: CanonicalURI.make(path: url.path, normalize: options.normalizePath, encode: options.doubleURIEncode),
            query: CanonicalQuery.make(CanonicalQuery.parameters(ofWireQuery: url.query)),
            headers: canonicalHeaders,
            payloadHash: payloadHash)
        let artifacts = sign(canonicalRequest: canonicalRequest, timestamp: timestamp, scope: scope)

        let authorization = "\(StringToSign.algorithm) Credential=\(scope.credential(accessKeyId: credentials.accessKeyId)), "
            + "SignedHeaders=\(canonicalHeaders.signedHeaders), Signature=\(artifacts.signature)"
        headers.append((HeaderName.authorization, authorization))

        var signedRequest = request
        signedRequest.headers = headers
        return (signedRequest, artifacts)
    }

    /// Hashes the canonical request into the string to sign and signs it.
    func sign(canonicalRequest: String, timestamp: SigV4Timestamp, scope: CredentialScope) -> SigV4Artifacts {
        let stringToSign = StringToSign.make(timestamp: timestamp, scope: scope, canonicalRequest: canonicalRequest)
        let signature = signingKey(for: scope).signature(for: stringToSign)
        return SigV4Artifacts(canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature)
    }

    func signingKey(for scope: CredentialScope) -> SigV4SigningKey {
        if let signingKeyCache {
            return signingKeyCache.key(for: credentials, day: scope.day, region: scope.region, service: scope.service)
        }
        return SigV4SigningKey(
            secretAccessKey: credentials.secretAccessKey, day: scope.day, region: scope.region, service: scope.service)
    }

    /// HTTP clients send `Host` whether or not the caller set it, so it is always signed;
    /// when absent it is derived from the URL and put first, where clients send it.
    static func addHostIfAbsent(to headers: inout [(name: String, value: String)], url: WireURL) {
        guard !headers.contains(where: { $0.name.lowercased() == "host" }), !url.authority.isEmpty else { return }
        headers.insert((HeaderName.host, url.hostHeaderValue), at: 0)
    }
}
