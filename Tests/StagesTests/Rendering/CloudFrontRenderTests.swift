import AWSClient
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// Stage 07's documents and ownership rules, without a server.
@Suite("Stage 07 renders the distribution and its policies")
struct CloudFrontRenderTests {
    static let document = DistributionDocument(
        comment: "tpsctl stack t", priceClass: "PriceClass_200",
        origins: [.init(region: "ap-northeast-1", domainName: "t-apne1-alb-1.ap-northeast-1.elb.amazonaws.com"),
                  .init(region: "ap-northeast-2", domainName: "t-apne2-alb-2.ap-northeast-2.elb.amazonaws.com")],
        homeRegion: "ap-northeast-1", summaryCachePolicyId: "summary-id", apiOriginRequestPolicyId: "api-id")

    func behavior(_ config: XMLTree, path: String) throws -> XMLTree {
        try #require(config.child("CacheBehaviors")?.child("Items")?.children("CacheBehavior")
            .first { $0.string("PathPattern") == path })
    }

    func methods(_ behavior: XMLTree) -> [String] {
        behavior.child("AllowedMethods")?.child("Items")?.children("Method").map(\.text) ?? []
    }

    @Test("the summary and seat maps are cached (for the origin's s-maxage) and fail over between both ALBs; the writing paths go to the home region uncached")
    func routing() throws {
        let config = Self.document.render(callerReference: "ref")
        let group = try #require(config.child("OriginGroups")?.child("Items")?.child("OriginGroup"))
        #expect(group.child("Members")?.child("Items")?.children("OriginGroupMember").compactMap { $0.string("OriginId") }
            == ["alb-ap-northeast-1", "alb-ap-northeast-2"])
        #expect(group.child("FailoverCriteria")?.child("StatusCodes")?.string("Quantity") == "4")

        let summary = try behavior(config, path: "/public/summary/*")
        #expect(summary.string("TargetOriginId") == DistributionDocument.originGroupId)
        #expect(summary.string("CachePolicyId") == "summary-id")
        #expect(methods(summary) == ["GET", "HEAD", "OPTIONS"], "an origin group may only serve read methods")
        let seats = try behavior(config, path: "/public/seats/*")
        #expect(seats.string("TargetOriginId") == DistributionDocument.originGroupId)
        #expect(seats.string("CachePolicyId") == "summary-id", "seat maps are cached at the edge too")
        #expect(methods(seats) == ["GET", "HEAD", "OPTIONS"])
        for path in ["/public/*", "/confirm/*"] {
            let api = try behavior(config, path: path)
            #expect(api.string("TargetOriginId") == "alb-ap-northeast-1")
            #expect(api.string("CachePolicyId") == CloudFrontPolicyDocuments.cachingDisabledId)
            #expect(api.string("OriginRequestPolicyId") == "api-id")
            #expect(methods(api).contains("POST"))
        }
        let paths = config.child("CacheBehaviors")?.child("Items")?.children("CacheBehavior").compactMap { $0.string("PathPattern") }
        #expect(paths?.first == "/public/summary/*", "the specific pattern must come before /public/*")
        #expect(paths?.firstIndex(of: "/public/seats/*") ?? 9 < paths?.firstIndex(of: "/public/*") ?? 0)
        #expect(config.string("DefaultCacheBehavior", "TargetOriginId") == "alb-ap-northeast-1")
    }

    @Test("the writing paths follow app.homeRegion, not the origin order")
    func writesGoHome() throws {
        var document = Self.document
        document.homeRegion = "ap-northeast-2"
        let config = document.render(callerReference: "ref")
        for path in ["/public/*", "/confirm/*"] {
            #expect(try behavior(config, path: path).string("TargetOriginId") == "alb-ap-northeast-2", "\(path)")
        }
        #expect(config.string("DefaultCacheBehavior", "TargetOriginId") == "alb-ap-northeast-2")
        #expect(try behavior(config, path: "/public/summary/*").string("TargetOriginId") == DistributionDocument.originGroupId)
    }

    @Test("summary cache policy: the stack's TTL, gzip and Brotli; API forwarding carries the services' headers")
    func policies() throws {
        let cache = CloudFrontPolicyDocuments.summaryCache(name: "t-summary-cache", ttlSeconds: 10)
        #expect(cache.string("DefaultTTL") == "10")
        #expect(cache.string("MaxTTL") == "10")
        #expect(cache.string("ParametersInCacheKeyAndForwardedToOrigin", "EnableAcceptEncodingGzip") == "true")
        #expect(cache.string("ParametersInCacheKeyAndForwardedToOrigin", "EnableAcceptEncodingBrotli") == "true")
        let forwarding = CloudFrontPolicyDocuments.apiForwarding(name: "t-api-forwarding")
        let headers = forwarding.child("HeadersConfig")?.child("Headers")?.child("Items")?.children("Name").map(\.text) ?? []
        #expect(headers.contains("x-room-token"))
        #expect(headers.contains("Idempotency-Key"))
        #expect(!headers.contains("Authorization"), "CloudFront refuses Authorization in an origin request policy")
        #expect(forwarding.string("HeadersConfig", "Headers", "Quantity") == String(headers.count))
    }

    @Test("a live configuration with CloudFront's defaults added compares equal; a changed origin does not")
    func projection() throws {
        let desired = try #require(Self.document.render(callerReference: "").child("DefaultCacheBehavior"))
        var live = desired
        live.children.insert(XMLTree("TrustedSigners", children: [.leaf("Enabled", "false"), .leaf("Quantity", "0")]), at: 1)
        live.children.append(.leaf("FieldLevelEncryptionId", ""))
        #expect(XMLProjection.text(live, onto: desired) == XMLProjection.text(desired))
        var moved = desired
        moved.children = moved.children.map { $0.name == "TargetOriginId" ? .leaf("TargetOriginId", "elsewhere") : $0 }
        #expect(XMLProjection.text(moved, onto: desired) != XMLProjection.text(desired))
    }

    @Test("the primary region owns CloudFront, and only when the command covers every region")
    func ownership() throws {
        let stack = try UnitFixtures.stack()
        let both = stack.regions.map { RegionTarget(config: $0, client: UnitFixtures.client($0.region.name)) }
        let stage = try #require(CloudFrontStage(stack: stack, targets: both))
        #expect(stage.region == "ap-northeast-1")
        #expect(stage.resources().allSatisfy { $0.address.region == "ap-northeast-1" && $0.address.stage == .cloudfront })
        let distribution = try #require(stage.resources().first { $0.address.kind == "cloudfront_distribution" })
        #expect(distribution.dependencies.filter { $0.kind == "load_balancer" }.map(\.region.rawValue)
            == ["ap-northeast-1", "ap-northeast-2"])
        #expect(CloudFrontStage(stack: stack, targets: [both[0]]) == nil)
        #expect(CloudFrontStage(stack: try UnitFixtures.stack(cloudFront: false), targets: both) == nil)
        var seoulFirst = stack
        seoulFirst.cloudFront.primaryRegion = stack.regions[1].region
        #expect(CloudFrontStage(stack: seoulFirst, targets: both)?.region == "ap-northeast-2")
    }
}
