import AWSClient

/// The configurations of the stack's own CloudFront policies, in the element order of the
/// CloudFront API (what it answers with, so desired and live compare element by element).
enum CloudFrontPolicyDocuments {
    /// AWS's managed "CachingDisabled" cache policy: the no-cache behaviors use it.
    static let cachingDisabledId = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"

    /// The headers the services read on the uncached paths. Authorization is not among them:
    /// CloudFront refuses it in an origin request policy (it must be part of a cache key), and
    /// none of the services authenticates with it — the waiting room uses x-room-token, the
    /// payment webhook Payment-Signature.
    static let forwardedHeaders = ["Accept", "Content-Type", "Idempotency-Key", "Payment-Signature", "X-Request-Id",
                                   "x-room-token"]

    /// `GET /public/summary/*` and `GET /public/seats/*`: cached up to `ttlSeconds` at the edge
    /// (the origin's `s-maxage` asks for less: 2 s for seat maps),
    /// compressed with Brotli or gzip as the viewer accepts; keyed on the query string only, so
    /// every viewer shares one copy per event.
    static func summaryCache(name: String, ttlSeconds: Int) -> XMLTree {
        XMLTree("CachePolicyConfig", children: [
            .leaf("Comment", "Seat summary: \(ttlSeconds)s at the edge (tpsctl)"),
            .leaf("Name", name),
            .leaf("DefaultTTL", String(ttlSeconds)),
            .leaf("MaxTTL", String(ttlSeconds)),
            .leaf("MinTTL", "0"),
            XMLTree("ParametersInCacheKeyAndForwardedToOrigin", children: [
                .leaf("EnableAcceptEncodingGzip", "true"),
                .leaf("EnableAcceptEncodingBrotli", "true"),
                XMLTree("HeadersConfig", children: [.leaf("HeaderBehavior", "none")]),
                XMLTree("CookiesConfig", children: [.leaf("CookieBehavior", "none")]),
                XMLTree("QueryStringsConfig", children: [.leaf("QueryStringBehavior", "all")]),
            ]),
        ])
    }

    /// What the uncached `/public/*` and `/confirm/*` requests carry to the ALB besides the
    /// path: the services' headers and every query string; no cookies (none are used).
    static func apiForwarding(name: String) -> XMLTree {
        XMLTree("OriginRequestPolicyConfig", children: [
            .leaf("Comment", "Headers the ticketing APIs read (tpsctl)"),
            .leaf("Name", name),
            XMLTree("HeadersConfig", children: [
                .leaf("HeaderBehavior", "whitelist"),
                XMLTree("Headers", children: [
                    .leaf("Quantity", String(forwardedHeaders.count)),
                    XMLTree("Items", children: forwardedHeaders.map { .leaf("Name", $0) }),
                ]),
            ]),
            XMLTree("CookiesConfig", children: [.leaf("CookieBehavior", "none")]),
            XMLTree("QueryStringsConfig", children: [.leaf("QueryStringBehavior", "all")]),
        ])
    }
}
