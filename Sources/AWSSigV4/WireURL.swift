/// A request URL split into the parts SigV4 needs, without any decoding or re-encoding.
///
/// Foundation's `URL` is not used on purpose: it rejects or rewrites some of the raw paths
/// the signer must accept verbatim (a literal space, raw UTF-8, `//`), and SigV4 must sign
/// exactly the bytes that go on the wire.
struct WireURL: Sendable {
    /// `https`, `http`, … lowercased; empty for an origin-form URL (`/path?query`).
    var scheme: String
    /// `host[:port]` as written (user info removed).
    var authority: String
    /// Everything before the path: `scheme://authority`, kept verbatim for rebuilding.
    var origin: Substring
    /// The raw path; may be empty.
    var path: Substring
    /// The raw query without `?`; `nil` when the URL has no `?`.
    var query: Substring?

    init(_ url: String) {
        // The fragment never goes on the wire.
        let withoutFragment = url.firstIndex(of: "#").map { url[..<$0] } ?? Substring(url)
        var rest = withoutFragment
        if let schemeEnd = rest.firstRange(of: "://") {
            scheme = rest[..<schemeEnd.lowerBound].lowercased()
            let afterScheme = rest[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? afterScheme.endIndex
            var hostPart = afterScheme[..<authorityEnd]
            if let at = hostPart.lastIndex(of: "@") { hostPart = hostPart[hostPart.index(after: at)...] }
            authority = String(hostPart)
            origin = rest[..<authorityEnd]
            rest = afterScheme[authorityEnd...]
        } else {
            scheme = ""
            authority = ""
            origin = rest[rest.startIndex..<rest.startIndex]
        }
        if let questionMark = rest.firstIndex(of: "?") {
            path = rest[..<questionMark]
            query = rest[rest.index(after: questionMark)...]
        } else {
            path = rest
            query = nil
        }
    }

    /// The `Host` header a client sends for this URL: host lowercased, the port kept only
    /// when it is not the scheme's default (what HTTP clients and botocore do).
    var hostHeaderValue: String {
        var host = Substring(authority)
        var port: Substring?
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            // IPv6 literal: the port, if any, follows the closing bracket.
            let afterBracket = host[host.index(after: close)...]
            if afterBracket.hasPrefix(":") { port = afterBracket.dropFirst() }
            host = host[...close]
        } else if let colon = host.lastIndex(of: ":") {
            port = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        let defaultPort: Substring? = scheme == "http" ? "80" : scheme == "https" ? "443" : nil
        let lowered = host.lowercased()
        guard let port, !port.isEmpty, port != defaultPort else { return lowered }
        return "\(lowered):\(port)"
    }
}
