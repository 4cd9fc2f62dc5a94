import AWSClient

/// A cache policy as the edge applies it: how long objects live (the origin's Cache-Control
/// within `minTTL…maxTTL`, else `defaultTTL`), what the cache key holds besides the path, and
/// which compressed variants may be served.
struct CachePolicy: Sendable, Hashable {
    var minTTL: Int64
    var defaultTTL: Int64
    var maxTTL: Int64
    var gzip: Bool
    var brotli: Bool
    var headers: ParameterSelection
    var cookies: ParameterSelection
    var queryStrings: ParameterSelection

    /// What a behaviour without a readable policy gets: nothing cached, nothing in the key.
    static let cachingDisabled = CachePolicy(
        minTTL: 0, defaultTTL: 0, maxTTL: 0, gzip: false, brotli: false,
        headers: .none(caseSensitive: false), cookies: .none(caseSensitive: true), queryStrings: .none(caseSensitive: true))

    init(minTTL: Int64, defaultTTL: Int64, maxTTL: Int64, gzip: Bool, brotli: Bool,
         headers: ParameterSelection, cookies: ParameterSelection, queryStrings: ParameterSelection) {
        self.minTTL = minTTL
        self.defaultTTL = defaultTTL
        self.maxTTL = maxTTL
        self.gzip = gzip
        self.brotli = brotli
        self.headers = headers
        self.cookies = cookies
        self.queryStrings = queryStrings
    }

    /// `config` is a `CachePolicyConfig` element.
    init(config: XMLTree) {
        let parameters = config.child("ParametersInCacheKeyAndForwardedToOrigin")
        minTTL = config.string("MinTTL").flatMap { Int64($0) } ?? 0
        defaultTTL = config.string("DefaultTTL").flatMap { Int64($0) } ?? 86_400
        maxTTL = config.string("MaxTTL").flatMap { Int64($0) } ?? 31_536_000
        gzip = parameters?.string("EnableAcceptEncodingGzip") == "true"
        brotli = parameters?.string("EnableAcceptEncodingBrotli") == "true"
        headers = ParameterSelection(parameters?.child("HeadersConfig"), behavior: "HeaderBehavior", list: "Headers",
                                     caseSensitive: false)
        cookies = ParameterSelection(parameters?.child("CookiesConfig"), behavior: "CookieBehavior", list: "Cookies",
                                     caseSensitive: true)
        queryStrings = ParameterSelection(parameters?.child("QueryStringsConfig"), behavior: "QueryStringBehavior",
                                          list: "QueryStrings", caseSensitive: true)
    }

    /// A MaxTTL of 0 is CachingDisabled: every request goes to the origin.
    var caches: Bool { maxTTL > 0 }
}
