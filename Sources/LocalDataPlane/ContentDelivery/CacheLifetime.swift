import NIOHTTP1

/// How long the edge keeps a response, the way CloudFront decides it: `s-maxage`, else
/// `max-age`, clamped to the policy's MinTTL…MaxTTL; no directive, DefaultTTL; `no-store`,
/// `no-cache` or `private` mean not at all unless MinTTL is above 0, which then applies.
/// Only statuses CloudFront caches by TTL are kept (errors are not cached here; CloudFront's
/// error caching is not reproduced). `Expires` is not read.
enum CacheLifetime {
    static let cacheableStatuses: Set<UInt> = [200, 203, 300, 301, 410]

    /// Seconds to keep the response; nil when it must not be cached.
    static func seconds(status: UInt, headers: HTTPHeaders, policy: CachePolicy) -> Int64? {
        guard policy.caches, cacheableStatuses.contains(status) else { return nil }
        let directives = CacheControl(headers)
        let ttl: Int64
        if directives.forbidsSharedCaching {
            ttl = policy.minTTL
        } else if let sharedMaxAge = directives.sMaxAge ?? directives.maxAge {
            ttl = min(max(sharedMaxAge, policy.minTTL), policy.maxTTL)
        } else {
            ttl = policy.defaultTTL
        }
        return ttl > 0 ? ttl : nil
    }
}

/// The Cache-Control directives an edge cache reads from a response.
struct CacheControl {
    var maxAge: Int64?
    var sMaxAge: Int64?
    var noStore = false
    var noCache = false
    var isPrivate = false

    init(_ headers: HTTPHeaders) {
        for value in headers["cache-control"] {
            for directive in value.split(separator: ",") {
                let parts = directive.split(separator: "=", maxSplits: 1)
                let name = Self.trimmed(parts[0]).lowercased()
                let argument = parts.count > 1 ? Int64(Self.trimmed(parts[1])) : nil
                switch name {
                case "max-age": maxAge = argument.map { max(0, $0) }
                case "s-maxage": sMaxAge = argument.map { max(0, $0) }
                case "no-store": noStore = true
                case "no-cache": noCache = true
                case "private": isPrivate = true
                default: break
                }
            }
        }
    }

    /// Without surrounding spaces and quotes (`max-age="60"` is seen in the wild).
    static func trimmed(_ text: Substring) -> Substring {
        func junk(_ character: Character) -> Bool { character == " " || character == "\t" || character == "\"" }
        var text = text
        while let first = text.first, junk(first) { text.removeFirst() }
        while let last = text.last, junk(last) { text.removeLast() }
        return text
    }

    var forbidsSharedCaching: Bool { noStore || noCache || isPrivate }
}
