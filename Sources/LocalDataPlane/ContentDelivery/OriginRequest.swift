import NIOHTTP1

/// The request CloudFront sends an origin for a viewer's: only the headers, cookies and
/// query strings that the cache key or the origin request policy name, those CloudFront
/// always passes on, Host set to the origin's domain name (unless Host is forwarded), and
/// what CloudFront adds: X-Forwarded-For, Via, X-Amz-Cf-Id, User-Agent `Amazon CloudFront`, and
/// the origin's custom headers (replacing a viewer's header of the same name, as CloudFront does).
enum OriginRequest {
    /// Forwarded whatever the policies say (CloudFront's documented list).
    static let alwaysForwarded: Set<String> = [
        "content-type", "content-md5", "if-match", "if-modified-since", "if-none-match", "if-range",
        "if-unmodified-since", "range",
    ]

    /// Removed or replaced whatever the policies say (hop-by-hop, or set by the edge itself).
    static let neverCopied: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "transfer-encoding",
        "content-length", "accept-encoding", "cookie", "x-forwarded-for", "via", "x-amz-cf-id", "expect",
    ]

    static func head(for viewer: ViewerRequest, behavior: DistributionRoutes.Behavior, origin: DistributionRoutes.Origin,
                     bodyLength: Int, clientAddress: String, distributionDomain: String, requestId: String) -> HTTPRequestHead {
        let headers = behavior.cachePolicy.headers.union(behavior.originRequestPolicy.headers)
        let cookies = behavior.cachePolicy.cookies.union(behavior.originRequestPolicy.cookies)
        let queryStrings = behavior.cachePolicy.queryStrings.union(behavior.originRequestPolicy.queryStrings)
        let readOnly = ["GET", "HEAD"].contains(viewer.head.method.rawValue)
        var out = HTTPHeaders()
        var hostForwarded = false
        for (name, value) in viewer.head.headers {
            let lower = name.lowercased()
            guard !neverCopied.contains(lower) else { continue }
            let passes = alwaysForwarded.contains(lower) || headers.includes(lower)
                || (lower == "authorization" && !readOnly)
            guard passes else { continue }
            if lower == "host" { hostForwarded = true }
            out.add(name: name, value: value)
        }
        if !hostForwarded { out.add(name: "Host", value: origin.domainName) }
        if !headers.includes("user-agent") { out.replaceOrAdd(name: "User-Agent", value: "Amazon CloudFront") }
        let cookie = viewer.cookies(cookies)
        if !cookie.isEmpty { out.add(name: "Cookie", value: cookie) }
        let forwardedFor = viewer.head.headers["x-forwarded-for"] + [clientAddress]
        out.add(name: "X-Forwarded-For", value: forwardedFor.joined(separator: ", "))
        let via = viewer.head.headers["via"] + ["1.1 \(distributionDomain) (CloudFront)"]
        out.add(name: "Via", value: via.joined(separator: ", "))
        out.add(name: "X-Amz-Cf-Id", value: requestId)
        for header in origin.customHeaders { out.replaceOrAdd(name: header.name, value: header.value) }
        if bodyLength > 0 || !readOnly { out.add(name: "Content-Length", value: String(bodyLength)) }
        let query = queryStrings.isNone ? "" : viewer.query(queryStrings)
        return HTTPRequestHead(version: .http1_1, method: viewer.head.method,
                               uri: query.isEmpty ? viewer.path : viewer.path + "?" + query, headers: out)
    }
}
