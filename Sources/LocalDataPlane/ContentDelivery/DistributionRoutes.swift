import AWSClient
import NIOCore

/// A distribution's configuration compiled for serving: cache behaviours in the order
/// CloudFront evaluates them (the listed ones first, the default last), each naming an origin
/// or an origin group, with its policies resolved.
struct DistributionRoutes: Sendable {
    /// Where an origin is reached locally (see ``OriginResolver``); nil when its domain is
    /// neither a loopback address nor a load balancer of the served regions (a 502).
    struct Origin: Sendable {
        let id: String
        /// The Host the origin sees: its configured domain name.
        let domainName: String
        let endpoint: TargetEndpoint?
        let connectTimeout: TimeAmount
        let readTimeout: TimeAmount
        /// The origin's `CustomHeaders`: sent on every request to it, over any a viewer sent
        /// (how an ALB tells the distribution's requests from anyone else's).
        var customHeaders: [(name: String, value: String)] = []
    }

    /// The origins a behaviour's requests try, in order, and when to try the next.
    struct Target: Sendable {
        let origins: [Origin]
        /// Origin-group failover: these statuses from a member send the request to the next one.
        let failoverStatuses: Set<UInt>
    }

    struct Behavior: Sendable {
        /// nil for the default behaviour.
        let pathPattern: WildcardPattern?
        let target: Target
        let allowedMethods: Set<String>
        let cachedMethods: Set<String>
        let compress: Bool
        let cachePolicy: CachePolicy
        let originRequestPolicy: OriginRequestPolicy
    }

    let behaviors: [Behavior]

    /// The first behaviour whose pattern matches, else the default (last).
    func behavior(for path: UnsafeBufferPointer<UInt8>) -> Behavior {
        for behavior in behaviors.dropLast() where behavior.pathPattern?.matches(path) == true { return behavior }
        return behaviors[behaviors.count - 1]
    }

    func behavior(for path: String) -> Behavior {
        var path = path
        return path.withUTF8 { behavior(for: $0) }
    }

    /// `config` is a `DistributionConfig`; `origins` resolved by id; policies by id (a missing
    /// one behaves as CachingDisabled / no origin request policy).
    init(config: XMLTree, origins: [String: Origin], cachePolicies: [String: CachePolicy],
         originRequestPolicies: [String: OriginRequestPolicy]) {
        var groups: [String: Target] = [:]
        for group in config.child("OriginGroups")?.child("Items")?.children("OriginGroup") ?? [] {
            let members = group.child("Members")?.child("Items")?.children("OriginGroupMember").compactMap {
                $0.string("OriginId").flatMap { origins[$0] }
            } ?? []
            let statuses = group.child("FailoverCriteria")?.child("StatusCodes")?.child("Items")?.children("StatusCode")
                .compactMap { UInt($0.text) } ?? []
            groups[group.string("Id") ?? ""] = Target(origins: members, failoverStatuses: Set(statuses))
        }
        func compile(_ element: XMLTree, default isDefault: Bool) -> Behavior {
            let targetId = element.string("TargetOriginId") ?? ""
            let target = groups[targetId]
                ?? Target(origins: origins[targetId].map { [$0] } ?? [], failoverStatuses: [])
            let allowed = element.child("AllowedMethods")
            let cachePolicy = element.string("CachePolicyId").flatMap { cachePolicies[$0] } ?? .cachingDisabled
            return Behavior(
                pathPattern: isDefault ? nil : Self.pattern(element.string("PathPattern") ?? "*"),
                target: target,
                allowedMethods: Set(allowed?.child("Items")?.children.map(\.text) ?? ["GET", "HEAD"]),
                cachedMethods: Set(allowed?.child("CachedMethods")?.child("Items")?.children.map(\.text) ?? ["GET", "HEAD"]),
                compress: element.string("Compress") == "true",
                cachePolicy: cachePolicy,
                originRequestPolicy: element.string("OriginRequestPolicyId").flatMap { originRequestPolicies[$0] } ?? .none)
        }
        var compiled = (config.child("CacheBehaviors")?.child("Items")?.children("CacheBehavior") ?? []).map {
            compile($0, default: false)
        }
        compiled.append(compile(config.child("DefaultCacheBehavior") ?? XMLTree("DefaultCacheBehavior"), default: true))
        behaviors = compiled
    }

    /// CloudFront path patterns are case-sensitive, `*` any run and `?` one character; a
    /// pattern without the leading slash means the same as with it.
    static func pattern(_ text: String) -> WildcardPattern {
        WildcardPattern(text.hasPrefix("/") || text.hasPrefix("*") ? text : "/" + text, caseSensitive: true)
    }
}
