import Foundation
import Testing
@testable import E2EScenario

/// Deployments sit behind path prefixes (a proxy, a CloudFront behaviour): the contract's paths
/// must be appended to them, never replace them, and query values must be encoded.
@Suite struct EndpointPathTests {
    @Test func appendsToTheBasePathPrefix() {
        let base = URL(string: "https://d1.example.net/prod/")!
        #expect(EndpointPath.join(base, "/public/enter").absoluteString == "https://d1.example.net/prod/public/enter")
    }

    @Test func encodesQueryValues() {
        let url = EndpointPath.join(URL(string: "http://127.0.0.1:8080")!, "/public/room-status",
                                    query: [("token", "a+b/c=d.e_f-g")])
        #expect(url.absoluteString == "http://127.0.0.1:8080/public/room-status?token=a%2Bb%2Fc%3Dd.e_f-g")
    }

    @Test func resolvesRelativeAndAbsoluteLocations() {
        let base = URL(string: "http://alb.example.net/api")!
        #expect(EndpointPath.resolve("/confirm/status?idem=e2e-commit-1", against: base)?.absoluteString
            == "http://alb.example.net/api/confirm/status?idem=e2e-commit-1")
        #expect(EndpointPath.resolve("https://other.example.net/confirm/status?idem=x", against: base)?.absoluteString
            == "https://other.example.net/confirm/status?idem=x")
        #expect(EndpointPath.resolve("confirm/status", against: base) == nil)
    }
}
