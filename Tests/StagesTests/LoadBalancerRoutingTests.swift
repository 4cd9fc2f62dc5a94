import AWSClient
import LocalDataPlane
import Stack
import Testing

/// The local ALB's decisions without a socket: rule matching, weighted forwards, redirects,
/// health verdicts.
@Suite("The local ALB's routing and health decisions")
struct LoadBalancerRoutingTests {
    typealias ELB = ElasticLoadBalancingV2

    @Test("path patterns: * any run, ? one character, case-sensitive; host patterns ignore case")
    func wildcards() {
        let api = WildcardPattern("/public/*", caseSensitive: true)
        #expect(api.matches("/public/"))
        #expect(api.matches("/public/events/1/seats"))
        #expect(!api.matches("/public"))
        #expect(!api.matches("/Public/x"))
        #expect(!api.matches("/confirm/public/x"))
        let one = WildcardPattern("/v?/items", caseSensitive: true)
        #expect(one.matches("/v1/items"))
        #expect(!one.matches("/v10/items"))
        #expect(!one.matches("/v/items"))
        let middle = WildcardPattern("/a*b*c", caseSensitive: true)
        #expect(middle.matches("/abc"))
        #expect(middle.matches("/axxbyyc"))
        #expect(!middle.matches("/axxbyy"))
        #expect(WildcardPattern("*", caseSensitive: true).matches(""))
        let host = WildcardPattern("*.Example.com", caseSensitive: false)
        #expect(host.matches("api.example.COM"))
        #expect(!host.matches("example.com"))
    }

    @Test("rules apply in priority order, whatever order they are listed in; each condition must match; the default comes last")
    func priorityOrder() {
        let rules = [
            ELB.Rule(arn: "r20", priority: "20", conditions: [.init(field: "path-pattern", values: ["/public/*"])],
                     action: .fixedResponse(statusCode: 220, contentType: "text/plain", body: "broad")),
            ELB.Rule(arn: "r5", priority: "5", conditions: [
                .init(field: "path-pattern", values: ["/public/admin*"]), .init(field: "http-request-method", values: ["POST"]),
            ], action: .fixedResponse(statusCode: 205, contentType: "text/plain", body: "admin posts")),
            ELB.Rule(arn: "r10", priority: "10", conditions: [
                .init(field: "path-pattern", values: ["/public/*"]), .init(field: "host-header", values: ["beta.*"]),
            ], action: .fixedResponse(statusCode: 210, contentType: "text/plain", body: "beta")),
            ELB.Rule(arn: "default", priority: "default", conditions: [], action: .fixedResponse(statusCode: 999, contentType: "", body: "")),
        ]
        let routes = ListenerRoutes(rules: rules, defaultAction: .fixedResponse(statusCode: 404, contentType: "text/plain", body: "none"))
        func status(_ method: String, _ host: String, _ path: String) -> Int? {
            if case let .fixedResponse(status, _, _) = routes.action(method: method, host: host, path: path) { return status }
            return nil
        }
        #expect(routes.rules.map(\.priority) == [5, 10, 20])
        #expect(status("POST", "www.example.com", "/public/admin/x") == 205)
        #expect(status("GET", "www.example.com", "/public/admin/x") == 220)
        #expect(status("GET", "BETA.example.com", "/public/x") == 210)
        #expect(status("GET", "www.example.com", "/public/x") == 220)
        #expect(status("GET", "www.example.com", "/confirm/x") == 404, "the listener's default action, not the rule list's")
    }

    @Test("a weighted forward spreads picks by weight (seeded, 100 000 draws, within 1.5 points); weight 0 gets none")
    func weightedForward() {
        let rules = [ELB.Rule(arn: "r1", priority: "1", conditions: [.init(field: "path-pattern", values: ["/*"])],
                              action: .weightedForward([.init(arn: "blue", weight: 80), .init(arn: "green", weight: 20),
                                                        .init(arn: "grey", weight: 0)]))]
        let routes = ListenerRoutes(rules: rules, defaultAction: .forward(targetGroupArn: "fallback"))
        #expect(routes.targetGroupArns == ["blue", "green", "grey", "fallback"])
        guard case let .forward(forward) = routes.action(method: "GET", host: "h", path: "/x") else {
            Issue.record("expected a forward")
            return
        }
        var generator = SplitMix64(seed: 42)
        var picks = [0, 0, 0, 0]
        let draws = 100_000
        for _ in 0..<draws { picks[forward.choose(generator.next())!] += 1 }
        #expect(abs(Double(picks[0]) / Double(draws) - 0.8) < 0.015, "\(picks)")
        #expect(abs(Double(picks[1]) / Double(draws) - 0.2) < 0.015, "\(picks)")
        #expect(picks[2] == 0 && picks[3] == 0)
        #expect(WeightedForward([(0, 0)]).choose(1) == nil)
    }

    @Test("redirects fill #{…} from the request and drop the default port")
    func redirects() {
        let request = RedirectLocation.Request(protocol: "http", host: "shop.example.com", port: 80, path: "/public/a", query: "x=1")
        let https = RedirectLocation.Template(.init(protocol: "HTTPS", port: "443"))
        #expect(https.location(for: request) == "https://shop.example.com/public/a?x=1")
        #expect(https.status == 301)
        let moved = RedirectLocation.Template(.init(protocol: "#{protocol}", host: "new.#{host}", port: "8080",
                                                   path: "/v2/#{path}", query: "", statusCode: "HTTP_302"))
        #expect(moved.location(for: request) == "http://new.shop.example.com:8080/v2/public/a")
        #expect(moved.status == 302)
    }

    @Test("a target starts initial, is healthy after healthyThreshold passes in a row, unhealthy after unhealthyThreshold failures in a row")
    func healthStateMachine() {
        var state = TargetHealthState()
        #expect(state.status == .initial)
        let changedOnFirstPass = state.record(passed: true, healthyThreshold: 3, unhealthyThreshold: 2)
        #expect(!changedOnFirstPass)
        state.record(passed: false, healthyThreshold: 3, unhealthyThreshold: 2)
        state.record(passed: true, healthyThreshold: 3, unhealthyThreshold: 2)
        state.record(passed: true, healthyThreshold: 3, unhealthyThreshold: 2)
        #expect(state.status == .initial, "a failure restarts the run of passes")
        let becameHealthy = state.record(passed: true, healthyThreshold: 3, unhealthyThreshold: 2)
        #expect(becameHealthy)
        #expect(state.status == .healthy)
        state.record(passed: false, healthyThreshold: 3, unhealthyThreshold: 2)
        #expect(state.status == .healthy, "one failure is not enough")
        state.record(passed: true, healthyThreshold: 3, unhealthyThreshold: 2)
        state.record(passed: false, healthyThreshold: 3, unhealthyThreshold: 2)
        #expect(state.status == .healthy, "the failures must be consecutive")
        let becameUnhealthy = state.record(passed: false, healthyThreshold: 3, unhealthyThreshold: 2)
        #expect(becameUnhealthy)
        #expect(state.status == .unhealthy)
        var fresh = TargetHealthState()
        fresh.record(passed: false, healthyThreshold: 2, unhealthyThreshold: 2)
        fresh.record(passed: false, healthyThreshold: 2, unhealthyThreshold: 2)
        #expect(fresh.status == .unhealthy, "initial becomes unhealthy too")
    }

    @Test("health matchers: single codes, lists and ranges")
    func matchers() {
        #expect(HealthCodeMatcher("200").accepts(200))
        #expect(!HealthCodeMatcher("200").accepts(204))
        #expect(HealthCodeMatcher("200-399").accepts(302))
        #expect(!HealthCodeMatcher("200-399").accepts(404))
        #expect(HealthCodeMatcher("200,204").accepts(204))
    }

    @Test("the local address comes from the ARN alone, is never 127.0.0.1, and differs between load balancers")
    func addresses() {
        let arn = "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/t-apne1-alb/50dc6c495c0c9188"
        let address = LocalLoadBalancerAddress(loadBalancerArn: arn)
        #expect(address == LocalLoadBalancerAddress(loadBalancerArn: arn))
        #expect(address.description.hasPrefix("127.") && address.octets.a != 0)
        let others = (0..<500).map { LocalLoadBalancerAddress(loadBalancerArn: arn + String($0)) }
        #expect(others.allSatisfy { $0.octets.a != 0 && $0.description != "127.0.0.1" })
        #expect(Set(others.map(\.description)).count == others.count)
    }
}

/// A seeded generator, so the distribution test draws the same numbers every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
