import AWSClient

/// The distribution's configuration, rendered in the CloudFront API's element order.
///
/// Routing: the reads any region answers — `GET /public/summary/*` and `GET /public/seats/*`,
/// both cached at the edge for what the origin's `s-maxage` says (the summary cache policy caps
/// it; seat maps ask for 2 s, so a sale's seat-map polls reach an ALB once per edge every 2 s
/// instead of each one scanning the event's seats) — are served by an origin group of both regions' ALBs (the primary
/// first; 5xx or no connection fails over to the other). CloudFront fails over only
/// GET/HEAD/OPTIONS and refuses an origin group on a behavior allowing POST, and only the home
/// region (`app.homeRegion`) sells: the writing paths (`/public/*`, `/confirm/*`, everything
/// else) go to the home region's ALB directly, with every method, CachingDisabled and the
/// services' headers forwarded. `/confirm/status` stays there too: an order lives only in the
/// home region's database, so the other region would answer 404 for it.
/// An ALB with a certificate is reached over HTTPS only, at its name on that certificate
/// (`domain`'s `origin-<region>.<name>`): its HTTP listener only redirects, so HTTP to it would
/// turn every request into a 301 to the ALB's own name. An ALB without one is reached over HTTP,
/// at its own DNS name.
struct DistributionDocument: Sendable, Hashable {
    struct Origin: Sendable, Hashable {
        var region: String
        var domainName: String
        /// The ALB answers HTTPS (and its HTTP listener redirects).
        var httpsOnly = false
        /// The value of `OriginSecret.headerName` sent to the ALB (its rules require it); in
        /// plans `OriginSecret.heldValue` stands for it.
        var originHeader: String?

        var id: String { "alb-\(region)" }
    }

    var comment: String
    var priceClass: String
    /// Primary first.
    var origins: [Origin]
    /// The region that sells: its ALB is the origin of every writing path.
    var homeRegion: String
    var summaryCachePolicyId: String
    var apiOriginRequestPolicyId: String
    var enabled: Bool = true
    /// `domain.name` and its certificate (us-east-1); nil: the `*.cloudfront.net` name only.
    var viewerName: ViewerName?

    /// The distribution's own name for viewers, with its ACM certificate.
    struct ViewerName: Sendable, Hashable {
        var name: String
        var certificateArn: String
    }
    /// The WAF web ACL's ARN; empty: none.
    var webACLId = ""

    static let originGroupId = "albs-failover"
    static let failoverStatusCodes = ["500", "502", "503", "504"]
    static let allMethods = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
    static let readMethods = ["GET", "HEAD", "OPTIONS"]
    /// The elements `diff` compares (CallerReference is fixed at creation).
    static let comparedElements = ["Origins", "OriginGroups", "DefaultCacheBehavior", "CacheBehaviors", "Comment",
                                   "PriceClass", "Enabled", "WebACLId", "HttpVersion", "IsIPV6Enabled"]
    /// Compared too when the stack has a domain (a distribution without one has CloudFront's defaults there).
    static let viewerNameElements = ["Aliases", "ViewerCertificate"]

    var primaryOriginId: String { origins.first?.id ?? "" }
    var homeOriginId: String { Origin(region: homeRegion, domainName: "").id }

    func render(callerReference: String) -> XMLTree {
        var config = XMLTree("DistributionConfig", children: [
            .leaf("CallerReference", callerReference),
            Self.quantified("Origins", origins.map(Self.origin)),
            Self.quantified("OriginGroups", [XMLTree("OriginGroup", children: [
                .leaf("Id", Self.originGroupId),
                XMLTree("FailoverCriteria", children: [
                    Self.quantified("StatusCodes", Self.failoverStatusCodes.map { .leaf("StatusCode", $0) }),
                ]),
                Self.quantified("Members", origins.map {
                    XMLTree("OriginGroupMember", children: [.leaf("OriginId", $0.id)])
                }),
            ])]),
            behavior("DefaultCacheBehavior", path: nil, target: homeOriginId, methods: Self.allMethods,
                     cachePolicy: CloudFrontPolicyDocuments.cachingDisabledId, originRequestPolicy: apiOriginRequestPolicyId),
            Self.quantified("CacheBehaviors", [
                behavior("CacheBehavior", path: "/public/summary/*", target: Self.originGroupId,
                         methods: Self.readMethods, cachePolicy: summaryCachePolicyId, originRequestPolicy: nil),
                behavior("CacheBehavior", path: "/public/seats/*", target: Self.originGroupId,
                         methods: Self.readMethods, cachePolicy: summaryCachePolicyId, originRequestPolicy: nil),
                behavior("CacheBehavior", path: "/public/*", target: homeOriginId, methods: Self.allMethods,
                         cachePolicy: CloudFrontPolicyDocuments.cachingDisabledId, originRequestPolicy: apiOriginRequestPolicyId),
                behavior("CacheBehavior", path: "/confirm/*", target: homeOriginId, methods: Self.allMethods,
                         cachePolicy: CloudFrontPolicyDocuments.cachingDisabledId, originRequestPolicy: apiOriginRequestPolicyId),
            ]),
            .leaf("Comment", comment),
            .leaf("PriceClass", priceClass),
            .leaf("Enabled", enabled ? "true" : "false"),
            .leaf("WebACLId", webACLId),
            .leaf("HttpVersion", "http2and3"),
            .leaf("IsIPV6Enabled", "true"),
        ])
        if let viewerName {
            config.children.insert(Self.quantified("Aliases", [.leaf("CNAME", viewerName.name)]), at: 1)
            let enabled = config.children.firstIndex { $0.name == "Enabled" } ?? config.children.count - 1
            config.children.insert(XMLTree("ViewerCertificate", children: [
                .leaf("ACMCertificateArn", viewerName.certificateArn),
                .leaf("SSLSupportMethod", "sni-only"),
                .leaf("MinimumProtocolVersion", "TLSv1.2_2021"),
            ]), at: enabled + 1)
        }
        return config
    }

    /// `<Name><Quantity>n</Quantity><Items>…</Items></Name>`, the API's list shape.
    static func quantified(_ name: String, _ items: [XMLTree]) -> XMLTree {
        var children = [XMLTree.leaf("Quantity", String(items.count))]
        if !items.isEmpty { children.append(XMLTree("Items", children: items)) }
        return XMLTree(name, children: children)
    }

    static func origin(_ origin: Origin) -> XMLTree {
        XMLTree("Origin", children: [
            .leaf("Id", origin.id),
            .leaf("DomainName", origin.domainName),
            .leaf("OriginPath", ""),
            quantified("CustomHeaders", origin.originHeader.map { value in
                [XMLTree("OriginCustomHeader", children: [.leaf("HeaderName", OriginSecret.headerName), .leaf("HeaderValue", value)])]
            } ?? []),
            XMLTree("CustomOriginConfig", children: [
                .leaf("HTTPPort", "80"),
                .leaf("HTTPSPort", "443"),
                .leaf("OriginProtocolPolicy", origin.httpsOnly ? "https-only" : "http-only"),
                quantified("OriginSslProtocols", [.leaf("SslProtocol", "TLSv1.2")]),
                .leaf("OriginReadTimeout", "30"),
                .leaf("OriginKeepaliveTimeout", "5"),
            ]),
            // Few, short attempts: a dead primary fails over to the other region quickly.
            .leaf("ConnectionAttempts", "2"),
            .leaf("ConnectionTimeout", "5"),
        ])
    }

    func behavior(_ element: String, path: String?, target: String, methods: [String], cachePolicy: String,
                  originRequestPolicy: String?) -> XMLTree {
        var children: [XMLTree] = []
        if let path { children.append(.leaf("PathPattern", path)) }
        children.append(.leaf("TargetOriginId", target))
        children.append(.leaf("ViewerProtocolPolicy", "redirect-to-https"))
        var allowed = Self.quantified("AllowedMethods", methods.map { .leaf("Method", $0) })
        allowed.children.append(Self.quantified("CachedMethods", ["GET", "HEAD"].map { .leaf("Method", $0) }))
        children.append(allowed)
        children.append(.leaf("Compress", "true"))
        children.append(.leaf("CachePolicyId", cachePolicy))
        if let originRequestPolicy { children.append(.leaf("OriginRequestPolicyId", originRequestPolicy)) }
        return XMLTree(element, children: children)
    }
}
