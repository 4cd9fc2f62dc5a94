import FoundationEssentials

extension SigV4Signer {
    /// The query parameters of query-string authentication, in the order they are appended.
    enum PresignParameter {
        static let algorithm = "X-Amz-Algorithm"
        static let credential = "X-Amz-Credential"
        static let date = "X-Amz-Date"
        static let signedHeaders = "X-Amz-SignedHeaders"
        static let expires = "X-Amz-Expires"
        static let securityToken = "X-Amz-Security-Token"
        static let signature = "X-Amz-Signature"

        /// Removed from the incoming query, so presigning an already presigned URL replaces
        /// its authentication instead of signing the old one.
        static let all: Set<String> = [algorithm, credential, date, signedHeaders, expires, securityToken, signature]
    }

    /// A presigned URL (query-string auth) valid for `expires` seconds.
    ///
    /// The request's headers (and `Host`, from the URL when absent) are signed: whoever uses
    /// the URL must send the same ones. The payload is hashed as given; pass `.unsigned`
    /// when the body is not known (S3). `addContentSHA256Header` does not apply here.
    /// AWS accepts `expires` from 1 to 604800 (7 days).
    public func presign(_ request: SigV4Request, date: Date, expires: Int, options: SigV4Options = .init()) -> String {
        presignWithArtifacts(request, date: date, expires: expires, options: options).0
    }

    /// Same as `presign`, also returning the canonical request, string to sign and signature.
    public func presignWithArtifacts(
        _ request: SigV4Request, date: Date, expires: Int, options: SigV4Options = .init()
    ) -> (String, SigV4Artifacts) {
        let timestamp = SigV4Timestamp(date)
        let scope = CredentialScope(day: timestamp.day, region: region, service: service)
        let url = WireURL(request.url)

        var headers = request.headers.filter { $0.name.lowercased() != "authorization" }
        Self.addHostIfAbsent(to: &headers, url: url)
        let canonicalHeaders = CanonicalHeaders(headers)

        // The request's own parameters, minus any earlier presign parameters.
        var keptComponents: [Substring] = []
        var parameters: [CanonicalQuery.Parameter] = []
        for component in (url.query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parameter = CanonicalQuery.Parameter(wireComponent: component)
            guard !PresignParameter.all.contains(parameter.keyString) else { continue }
            keptComponents.append(component)
            parameters.append(parameter)
        }

        var authentication: [(name: String, value: String)] = [
            (PresignParameter.algorithm, StringToSign.algorithm),
            (PresignParameter.credential, scope.credential(accessKeyId: credentials.accessKeyId)),
            (PresignParameter.date, timestamp.amzDate),
            (PresignParameter.signedHeaders, canonicalHeaders.signedHeaders),
            (PresignParameter.expires, String(expires)),
        ]
        if let token = credentials.sessionToken {
            authentication.append((PresignParameter.securityToken, token))
        }
        for (name, value) in authentication where name != PresignParameter.securityToken || options.signSessionToken {
            parameters.append(CanonicalQuery.Parameter(name: name, value: value))
        }

        let canonicalRequest = CanonicalRequest.make(
            method: request.method,
            uri: CanonicalURI.make(path: url.path, normalize: options.normalizePath, encode: options.doubleURIEncode),
            query: CanonicalQuery.make(parameters),
            headers: canonicalHeaders,
            payloadHash: request.payload.hashHex)
        let artifacts = sign(canonicalRequest: canonicalRequest, timestamp: timestamp, scope: scope)

        authentication.append((PresignParameter.signature, artifacts.signature))
        var query = keptComponents.joined(separator: "&")
        for (name, value) in authentication {
            if !query.isEmpty { query += "&" }
            query += "\(name)=\(SigV4PercentEncoding.encode(value))"
        }
        return ("\(url.origin)\(url.path)?\(query)", artifacts)
    }
}
