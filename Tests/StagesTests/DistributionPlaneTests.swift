import AWSClient
import CBrotli
import ContainerImage
import Foundation
import LocalDataPlane
import Stack
import Testing
@testable import StagesTestSupport

/// The local CloudFront data plane against the local AWS and real origins on loopback: a
/// distribution created through the CloudFront API is served at its own address with its
/// behaviours, cache policies, compression, origin request policy and origin-group failover.
@Suite("The local CloudFront data plane serves a distribution as CloudFront would")
struct DistributionPlaneTests {
    @Test("its address is 127.255.x.y, derived from the ID alone, never an ALB's or 127.0.0.1")
    func address() {
        let address = LocalDistributionAddress(distributionId: "E2QWRUHAPOMQZL")
        #expect(address == LocalDistributionAddress(distributionId: "E2QWRUHAPOMQZL"))
        #expect(address.description.hasPrefix("127.255."))
        #expect(address.url == "http://\(address)")
        for index in 0..<2_000 {
            let balancer = LocalLoadBalancerAddress(loadBalancerArn: "arn:aws:elasticloadbalancing:ap-northeast-1:1:loadbalancer/app/x-\(index)/\(index)")
            #expect(!balancer.description.hasPrefix("127.255."), "an ALB address in the distributions' range: \(balancer)")
        }
    }

    @Test("behaviours by path pattern, first match wins, `?` one character, the default last; a disabled distribution stops being served")
    func behaviours() async throws {
        let edge = try await EdgeFixture.start("cfpath")
        defer { Task { await edge.stop() } }
        #expect(try await edge.get("/b/x").text.hasPrefix("origin=B"))
        #expect(try await edge.get("/q1/x").text.hasPrefix("origin=B"), "`?` matches one character")
        #expect(try await edge.get("/q12/x").text.hasPrefix("origin=A"), "`?` matches exactly one: the default")
        #expect(try await edge.get("/B/x").text.hasPrefix("origin=A"), "patterns are case-sensitive")
        #expect(try await edge.get("/elsewhere").text.hasPrefix("origin=A"))

        let (config, etag) = try await edge.cloudFront.getDistributionConfig(id: edge.distributionId)
        var disabled = config
        disabled.children = config.children.map { $0.name == "Enabled" ? .leaf("Enabled", "false") : $0 }
        _ = try await edge.cloudFront.updateDistribution(id: edge.distributionId, config: disabled, ifMatch: etag)
        try await edge.plane.poll()
        await #expect(throws: (any Error).self, "a disabled distribution is not served") { try await edge.get("/b/x") }
    }

    @Test("cache: Miss then Hit with Age; no-store and no-cache not kept; s-maxage over max-age; MaxTTL caps, MinTTL floors")
    func caching() async throws {
        let edge = try await EdgeFixture.start("cfcache")
        defer { Task { await edge.stop() } }
        let first = try await edge.get("/cached/plain")
        #expect(first.header("X-Cache") == "Miss from cloudfront")
        let second = try await edge.get("/cached/plain")
        #expect(second.header("X-Cache") == "Hit from cloudfront")
        #expect(second.text == first.text, "the cached body")
        #expect(second.header("Age").flatMap(Int.init) != nil)

        for directive in ["no-store", "no-cache", "private"] {
            _ = try await edge.get("/cached/cc/\(directive)")
            let again = try await edge.get("/cached/cc/\(directive)")
            #expect(again.header("X-Cache") == "Miss from cloudfront", "\(directive) with MinTTL 0 is not cached")
        }
        // s-maxage=1 wins over max-age=100: gone after a second.
        _ = try await edge.get("/cached/cc/max-age=100,s-maxage=1")
        #expect(try await edge.get("/cached/cc/max-age=100,s-maxage=1").header("X-Cache") == "Hit from cloudfront")
        // max-age=100 under MaxTTL 1: gone after a second too.
        _ = try await edge.get("/short/cc/max-age=100")
        #expect(try await edge.get("/short/cc/max-age=100").header("X-Cache") == "Hit from cloudfront")
        // max-age=1 under MinTTL 30 stays; so does no-store (MinTTL above 0 applies).
        _ = try await edge.get("/floor/cc/max-age=1")
        _ = try await edge.get("/floor/cc/no-store")
        try await Task.sleep(for: .milliseconds(1_300))
        #expect(try await edge.get("/cached/cc/max-age=100,s-maxage=1").header("X-Cache") == "Miss from cloudfront")
        #expect(try await edge.get("/short/cc/max-age=100").header("X-Cache") == "Miss from cloudfront")
        #expect(try await edge.get("/floor/cc/max-age=1").header("X-Cache") == "Hit from cloudfront")
        #expect(try await edge.get("/floor/cc/no-store").header("X-Cache") == "Hit from cloudfront")
        #expect(try await edge.get("/elsewhere").header("X-Cache") == "Miss from cloudfront")
        #expect(try await edge.get("/elsewhere").header("X-Cache") == "Miss from cloudfront", "CachingDisabled keeps nothing")
    }

    @Test("the cache key holds the configured query string and header only")
    func cacheKey() async throws {
        let edge = try await EdgeFixture.start("cfkey")
        defer { Task { await edge.stop() } }
        func xCache(_ path: String, _ headers: [(String, String)] = []) async throws -> String? {
            try await edge.get(path, headers: headers).header("X-Cache")
        }
        #expect(try await xCache("/cached/k?v=1&other=1") == "Miss from cloudfront")
        #expect(try await xCache("/cached/k?v=1&other=2") == "Hit from cloudfront", "`other` is not in the key")
        #expect(try await xCache("/cached/k?v=2&other=1") == "Miss from cloudfront", "`v` is")
        #expect(try await xCache("/cached/k?v=1", [("X-Variant", "a")]) == "Miss from cloudfront", "X-Variant is")
        #expect(try await xCache("/cached/k?v=1", [("X-Variant", "a"), ("X-Other", "b")]) == "Hit from cloudfront", "X-Other is not")
        #expect(edge.a.requests == 3)
    }

    @Test("gzip and Brotli when the policy enables them and the viewer accepts them; each decodes to the origin's body")
    func compression() async throws {
        let edge = try await EdgeFixture.start("cfzip")
        defer { Task { await edge.stop() } }
        let original = Array(TinyOrigin.bigBody.utf8)
        let plain = try await edge.get("/zip/big")
        #expect(plain.header("Content-Encoding") == nil)
        #expect(plain.body == original)

        let gzip = try await edge.get("/zip/big", headers: [("Accept-Encoding", "gzip, deflate")])
        #expect(gzip.header("Content-Encoding") == "gzip")
        #expect(gzip.body.count < original.count / 2)
        #expect(try Gzip.decompress(gzip.body) == original)

        let brotli = try await edge.get("/zip/big", headers: [("Accept-Encoding", "gzip, br")])
        #expect(brotli.header("Content-Encoding") == "br", "Brotli preferred when both are accepted")
        #expect(try Self.unbrotli(brotli.body, expected: original.count) == original)

        let cached = try await edge.get("/zip/big", headers: [("Accept-Encoding", "br")])
        #expect(cached.header("X-Cache") == "Hit from cloudfront", "each encoding cached once")
        #expect(cached.body == brotli.body)
        #expect(try await edge.get("/zip/small", headers: [("Accept-Encoding", "gzip")]).header("Content-Encoding") == nil,
                "under 1 000 bytes stays as is")
        #expect(try await edge.get("/cached/big", headers: [("Accept-Encoding", "gzip")]).header("Content-Encoding") == nil,
                "a policy without the encodings enabled")
    }

    @Test("the origin gets only the policy's headers, cookies and query strings, plus X-Forwarded-For, Via and X-Amz-Cf-Id")
    func forwarding() async throws {
        let edge = try await EdgeFixture.start("cffwd")
        defer { Task { await edge.stop() } }
        let echo = try await edge.get("/fwd/echo?keep=1&drop=2", headers: [
            ("X-Keep", "yes"), ("X-Drop", "no"), ("Cookie", "keep=k; drop=d"), ("X-Forwarded-For", "203.0.113.7"),
        ]).text
        let lines = echo.split(separator: "\n").map(String.init)
        #expect(lines.first == "GET /fwd/echo?keep=1")
        let seen = Dictionary(lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), String(line[line.index(colon, offsetBy: 2)...]))
        }, uniquingKeysWith: { $0 + ", " + $1 })
        #expect(seen["x-keep"] == "yes")
        #expect(seen["x-drop"] == nil)
        #expect(seen["cookie"] == "keep=k")
        #expect(seen["x-forwarded-for"] == "203.0.113.7, 127.0.0.1")
        #expect(seen["via"]?.hasSuffix("(CloudFront)") == true)
        #expect(seen["x-amz-cf-id"]?.count == 56)
        #expect(seen["host"] == "127.0.0.1", "the origin's domain name")
        #expect(seen["user-agent"] == "Amazon CloudFront")

        let bare = try await edge.get("/elsewhere/echo?keep=1", headers: [("X-Keep", "yes"), ("Cookie", "keep=k")]).text
        #expect(bare.hasPrefix("GET /elsewhere/echo\n"), "no origin request policy: no query string")
        #expect(!bare.contains("X-Keep") && !bare.contains("Cookie"))
    }

    @Test("origin groups fail over on a configured status and on a refused connection; other statuses stand")
    func failover() async throws {
        let edge = try await EdgeFixture.start("cffail")
        defer { Task { await edge.stop() } }
        let failed = try await edge.get("/group/A-status/503")
        #expect(failed.status == 200 && failed.text.hasPrefix("origin=B"), "503 is a failover status: \(failed.text)")
        let stands = try await edge.get("/group/A-status/500")
        #expect(stands.status == 500 && stands.text.hasPrefix("origin=A"), "500 is not: \(stands.text)")
        let refused = try await edge.get("/dead/x")
        #expect(refused.status == 200 && refused.text.hasPrefix("origin=B"), "the primary refuses connections: \(refused.text)")
        #expect(try await edge.get("/b/B-status/503").status == 503, "a single origin has nothing to fail over to")
    }

    /// An independent decode: the system library's decoder.
    static func unbrotli(_ bytes: [UInt8], expected: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: expected * 2 + 64)
        var size = output.count
        let result = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { BrotliDecoderDecompress($0.count, $0.baseAddress, &size, out.baseAddress) }
        }
        #expect(result == BROTLI_DECODER_RESULT_SUCCESS)
        return Array(output[..<size])
    }
}
