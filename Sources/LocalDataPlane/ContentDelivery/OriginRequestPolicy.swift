import AWSClient

/// What an origin request policy adds to the origin request beyond the cache key: viewer
/// headers, cookies and query strings that reach the origin without splitting the cache.
struct OriginRequestPolicy: Sendable, Hashable {
    var headers: ParameterSelection
    var cookies: ParameterSelection
    var queryStrings: ParameterSelection

    /// A behaviour without one forwards only what its cache key holds.
    static let none = OriginRequestPolicy(
        headers: .none(caseSensitive: false), cookies: .none(caseSensitive: true), queryStrings: .none(caseSensitive: true))

    init(headers: ParameterSelection, cookies: ParameterSelection, queryStrings: ParameterSelection) {
        self.headers = headers
        self.cookies = cookies
        self.queryStrings = queryStrings
    }

    /// `config` is an `OriginRequestPolicyConfig` element.
    init(config: XMLTree) {
        headers = ParameterSelection(config.child("HeadersConfig"), behavior: "HeaderBehavior", list: "Headers",
                                     caseSensitive: false)
        cookies = ParameterSelection(config.child("CookiesConfig"), behavior: "CookieBehavior", list: "Cookies",
                                     caseSensitive: true)
        queryStrings = ParameterSelection(config.child("QueryStringsConfig"), behavior: "QueryStringBehavior",
                                          list: "QueryStrings", caseSensitive: true)
    }
}
