import NIOHTTP1

/// A viewer's request split the way the edge reads it: the path, the query string's
/// parameters and the cookies, each kept as sent (no decoding), in their order.
struct ViewerRequest {
    let head: HTTPRequestHead
    let path: String
    let query: [(name: Substring, raw: Substring)]
    let cookies: [(name: Substring, raw: Substring)]

    init(_ head: HTTPRequestHead) {
        self.head = head
        let uri = head.uri
        let queryStart = uri.firstIndex(of: "?")
        path = String(uri[..<(queryStart ?? uri.endIndex)])
        query = queryStart.map { start in
            uri[uri.index(after: start)...].split(separator: "&").map { item in
                (name: item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0], raw: item)
            }
        } ?? []
        cookies = head.headers["cookie"].flatMap { $0.split(separator: ";") }.map { item in
            let cookie = CacheControl.trimmed(item)
            return (name: cookie.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0], raw: cookie)
        }
    }

    /// The query string with only the parameters `selection` takes.
    func query(_ selection: ParameterSelection) -> String {
        query.filter { selection.includes(String($0.name)) }.map { String($0.raw) }.joined(separator: "&")
    }

    /// The Cookie header value with only the cookies `selection` takes.
    func cookies(_ selection: ParameterSelection) -> String {
        cookies.filter { selection.includes(String($0.name)) }.map { String($0.raw) }.joined(separator: "; ")
    }

    /// What the cache stores this request's answer under: the path, and the query strings,
    /// headers and cookies the cache policy names, and the encoding served.
    func cacheKey(_ policy: CachePolicy, encoding: ContentCompression.Encoding) -> String {
        var key = encoding.rawValue + " " + head.method.rawValue + " " + path
        if !policy.queryStrings.isNone { key += "?" + query(policy.queryStrings) }
        if !policy.headers.isNone {
            for (name, value) in head.headers where policy.headers.includes(name) {
                key += "\n" + name.lowercased() + ": " + value
            }
        }
        if !policy.cookies.isNone { key += "\ncookie: " + cookies(policy.cookies) }
        return key
    }
}
