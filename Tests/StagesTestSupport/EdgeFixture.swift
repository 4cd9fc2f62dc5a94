import AWSClient
import Foundation
import LocalDataPlane
import Logging
import Stack

/// One CloudFront data plane test's world: two tiny origins on 127.0.0.1, a distribution in
/// the local AWS in front of them (comment, policy names and so address of its own), and a
/// ``DistributionPlane`` serving it. Behaviours, first match wins:
/// - `/b/*` → origin B; `/q?/*` → origin B (one-character wildcard);
/// - `/cached/*` → A, cache policy `keyed` (TTL 0/30/60, key: query `v`, header `X-Variant`);
/// - `/short/*` → A, cache policy `short` (TTL 0/30/1: MaxTTL 1);
/// - `/floor/*` → A, cache policy `floor` (TTL 30/30/60: MinTTL 30);
/// - `/zip/*` → A, cache policy `zip` (gzip and Brotli enabled), compressing;
/// - `/fwd/*` → A, CachingDisabled and origin request policy `fwd` (header `X-Keep`,
///   cookie `keep`, query `keep`);
/// - `/group/*` → group [A, B] failing over on 503; `/dead/*` → group [a refused port, B];
/// - default → A, CachingDisabled.
struct EdgeFixture {
    let test: TestStack
    let cloudFront: CloudFront
    let a: TinyOrigin
    let b: TinyOrigin
    let plane: DistributionPlane
    let distributionId: String
    let comment: String

    var address: String { LocalDistributionAddress(distributionId: distributionId).description }

    static func start(_ label: String) async throws -> EdgeFixture {
        let test = try TestStack(label, images: false)
        let client = try test.client("ap-northeast-1")
        let cloudFront = CloudFront(client: client)
        let a = try await TinyOrigin.start(name: "A")
        let b = try await TinyOrigin.start(name: "B")
        let refused = try await TinyOrigin.start(name: "gone")
        let refusedPort = refused.port
        await refused.stop()

        func cachePolicy(_ name: String, min: Int, def: Int, max: Int, gzip: Bool = false, brotli: Bool = false,
                         query: [String] = [], headers: [String] = []) async throws -> String {
            let config = XMLTree("CachePolicyConfig", children: [
                .leaf("Name", "\(test.name)-\(name)"),
                .leaf("DefaultTTL", String(def)), .leaf("MaxTTL", String(max)), .leaf("MinTTL", String(min)),
                XMLTree("ParametersInCacheKeyAndForwardedToOrigin", children: [
                    .leaf("EnableAcceptEncodingGzip", String(gzip)),
                    .leaf("EnableAcceptEncodingBrotli", String(brotli)),
                    XMLTree("HeadersConfig", children: selection("HeaderBehavior", "Headers", headers)),
                    XMLTree("CookiesConfig", children: [.leaf("CookieBehavior", "none")]),
                    XMLTree("QueryStringsConfig", children: selection("QueryStringBehavior", "QueryStrings", query)),
                ]),
            ])
            return try await cloudFront.createPolicy(.cache, config: config).id
        }
        let keyed = try await cachePolicy("keyed", min: 0, def: 30, max: 60, query: ["v"], headers: ["X-Variant"])
        let short = try await cachePolicy("short", min: 0, def: 30, max: 1)
        let floor = try await cachePolicy("floor", min: 30, def: 30, max: 60)
        let zip = try await cachePolicy("zip", min: 0, def: 30, max: 60, gzip: true, brotli: true)
        let forwarding = try await cloudFront.createPolicy(.originRequest, config: XMLTree("OriginRequestPolicyConfig", children: [
            .leaf("Name", "\(test.name)-fwd"),
            XMLTree("HeadersConfig", children: selection("HeaderBehavior", "Headers", ["X-Keep"])),
            XMLTree("CookiesConfig", children: selection("CookieBehavior", "Cookies", ["keep"])),
            XMLTree("QueryStringsConfig", children: selection("QueryStringBehavior", "QueryStrings", ["keep"])),
        ])).id

        let disabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
        let comment = DistributionComment.of(stackName: test.name)
        let config = XMLTree("DistributionConfig", children: [
            .leaf("CallerReference", test.name),
            quantified("Origins", [origin("A", a.port), origin("B", b.port), origin("refused", refusedPort)]),
            quantified("OriginGroups", [group("group", ["A", "B"], statuses: [503]), group("dead", ["refused", "B"], statuses: [500])]),
            behavior("DefaultCacheBehavior", path: nil, target: "A", cachePolicy: disabled),
            quantified("CacheBehaviors", [
                behavior("CacheBehavior", path: "/b/*", target: "B", cachePolicy: disabled),
                behavior("CacheBehavior", path: "/q?/*", target: "B", cachePolicy: disabled),
                behavior("CacheBehavior", path: "/cached/*", target: "A", cachePolicy: keyed),
                behavior("CacheBehavior", path: "/short/*", target: "A", cachePolicy: short),
                behavior("CacheBehavior", path: "/floor/*", target: "A", cachePolicy: floor),
                behavior("CacheBehavior", path: "/zip/*", target: "A", cachePolicy: zip),
                behavior("CacheBehavior", path: "/fwd/*", target: "A", cachePolicy: disabled, originRequestPolicy: forwarding),
                behavior("CacheBehavior", path: "/group/*", target: "group", cachePolicy: disabled),
                behavior("CacheBehavior", path: "/dead/*", target: "dead", cachePolicy: disabled),
            ]),
            .leaf("Comment", comment),
            .leaf("Enabled", "true"),
        ])
        let created = try await cloudFront.createDistribution(config: config, tags: ["tpsctl:stack": test.name])
        var logger = Logger(label: "local-cloudfront")
        logger.logLevel = .warning
        let plane = DistributionPlane(settings: .init(regions: ["ap-northeast-1"], comment: comment), client: client, logger: logger)
        try await plane.poll()
        return EdgeFixture(test: test, cloudFront: cloudFront, a: a, b: b, plane: plane,
                           distributionId: created.summary.id, comment: comment)
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> RawHTTPClient.Answer {
        try await RawHTTPClient.request(host: address, path: path, headers: headers)
    }

    func stop() async {
        await plane.shutDown()
        await a.stop()
        await b.stop()
        test.removeFiles()
    }

    // MARK: - The CloudFront API's XML shapes

    static func quantified(_ name: String, _ items: [XMLTree]) -> XMLTree {
        var children = [XMLTree.leaf("Quantity", String(items.count))]
        if !items.isEmpty { children.append(XMLTree("Items", children: items)) }
        return XMLTree(name, children: children)
    }

    static func selection(_ behavior: String, _ list: String, _ names: [String]) -> [XMLTree] {
        guard !names.isEmpty else { return [.leaf(behavior, "none")] }
        return [.leaf(behavior, "whitelist"), quantified(list, names.map { .leaf("Name", $0) })]
    }

    static func origin(_ id: String, _ port: Int) -> XMLTree {
        XMLTree("Origin", children: [
            .leaf("Id", id), .leaf("DomainName", "127.0.0.1"), .leaf("OriginPath", ""), quantified("CustomHeaders", []),
            XMLTree("CustomOriginConfig", children: [
                .leaf("HTTPPort", String(port)), .leaf("HTTPSPort", "443"), .leaf("OriginProtocolPolicy", "http-only"),
                .leaf("OriginReadTimeout", "5"), .leaf("OriginKeepaliveTimeout", "5"),
            ]),
            .leaf("ConnectionAttempts", "1"), .leaf("ConnectionTimeout", "2"),
        ])
    }

    static func group(_ id: String, _ members: [String], statuses: [Int]) -> XMLTree {
        XMLTree("OriginGroup", children: [
            .leaf("Id", id),
            XMLTree("FailoverCriteria", children: [quantified("StatusCodes", statuses.map { .leaf("StatusCode", String($0)) })]),
            quantified("Members", members.map { XMLTree("OriginGroupMember", children: [.leaf("OriginId", $0)]) }),
        ])
    }

    static func behavior(_ element: String, path: String?, target: String, cachePolicy: String,
                         originRequestPolicy: String? = nil) -> XMLTree {
        var children: [XMLTree] = []
        if let path { children.append(.leaf("PathPattern", path)) }
        children.append(.leaf("TargetOriginId", target))
        children.append(.leaf("ViewerProtocolPolicy", "allow-all"))
        var allowed = quantified("AllowedMethods", ["GET", "HEAD"].map { .leaf("Method", $0) })
        allowed.children.append(quantified("CachedMethods", ["GET", "HEAD"].map { .leaf("Method", $0) }))
        children.append(allowed)
        children.append(.leaf("Compress", "true"))
        children.append(.leaf("CachePolicyId", cachePolicy))
        if let originRequestPolicy { children.append(.leaf("OriginRequestPolicyId", originRequestPolicy)) }
        return XMLTree(element, children: children)
    }
}
