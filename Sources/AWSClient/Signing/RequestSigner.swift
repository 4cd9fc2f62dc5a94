import AWSSigV4

/// The signing step of a send, kept apart from retrying (as soto-core's signer is): takes the
/// provider's current credentials and the corrected clock at each attempt, so a retry after a
/// refresh or a clock-skew correction carries a fresh signature.
struct RequestSigner: Sendable {
    let credentialProvider: any AWSCredentialProvider
    let clock: ClockSkewCorrector
    /// Derived signing keys, shared with `withRegion` clients (one derivation per key and day).
    let signingKeys: SigV4SigningKeyCache

    /// The request's headers plus the SigV4 headers (none for unsigned calls), and `userAgent`.
    func headers(for request: AWSHTTPRequest, url: String, signingName: String, signingRegion: String,
                 signed: Bool, userAgent: String, options: SigV4Options = SigV4Options()) async throws -> [(name: String, value: String)] {
        var headers = request.headers
        if signed {
            let provided = try await credentialProvider.required()
            let signer = SigV4Signer(credentials: provided.credentials, region: signingRegion, service: signingName,
                                     signingKeyCache: signingKeys)
            let signedRequest = signer.sign(
                SigV4Request(method: request.method, url: url, headers: headers, payload: .bytes(request.body)),
                date: await clock.now(), options: options)
            headers = signedRequest.headers
        }
        // Added after signing: the transport may not keep it byte-for-byte, and it needs no signature.
        headers.append((name: "User-Agent", value: userAgent))
        return headers
    }
}
