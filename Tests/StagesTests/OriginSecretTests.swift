import AWSClient
import Foundation
import LocalDataPlane
import Logging
import Provisioning
import Stack
@testable import Stages
@testable import StagesTestSupport
import Synchronization
import Testing
import TpsctlTestSupport

/// The secret origin header end to end on loopback: stage 00 by the engine; stage 03's origin
/// secret, stage 05's ALBs, listeners, target groups and rules and stage 07 through the resource
/// contract; a tiny origin registered as public-api's target in both regions; the local ALB and
/// CloudFront planes serving what the local AWS holds.
@Suite("The secret origin header: the ALBs answer only the distribution", .serialized)
struct OriginSecretTests {
    struct Edge {
        let test: TestStack
        let driver: ResourceDriver
        let secret: OriginSecret
        let target: TinyOrigin
        let serving: Task<Void, any Error>
        let balancers: LoadBalancerPlane
        let edges: DistributionPlane
        let distribution: URL
        let alb: URL

        /// The secret's current value, read as the test's own caller (never printed).
        func current() async throws -> String { try await secret.requireValues().current.value.value }

        func viaDistribution(_ path: String = "/public/echo") async throws -> RawHTTPClient.Answer {
            try await RawHTTPClient.request(host: distribution.host!, port: distribution.port ?? 80, path: path)
        }

        func direct(_ path: String = "/public/echo", header: String? = nil) async throws -> RawHTTPClient.Answer {
            try await RawHTTPClient.request(host: alb.host!, port: alb.port ?? 80, path: path,
                                            headers: header.map { [(OriginSecret.headerName, $0)] } ?? [])
        }

        func stop() async {
            serving.cancel()
            await balancers.shutDown()
            await edges.shutDown()
            await target.stop()
            test.removeFiles()
        }
    }

    static func isEdge(_ address: ResourceAddress) -> Bool {
        switch address.stage {
        case .dataplane: address.name == OriginSecret.secretSuffix
        case .services: ["load_balancer", "listener", "target_group", "listener_rule"].contains(address.kind)
        case .cloudfront: true
        default: false
        }
    }

    static func start(_ label: String) async throws -> Edge {
        let test = try TestStack(label, images: false, extraYAML: "cloudFront:\n  enabled: true\n")
        #expect(try await test.up(stage: "00").succeeded, "stage 00")
        let deployment = try test.deployment()
        let targets = try test.targets(deployment)
        let graph = try await deployment.graph(targets)
        var driver = ResourceDriver(stack: test.name)
        let store = StateStore(root: test.stateDirectory)
        for address in graph.order where address.stage == .network {
            if let outputs = try await store.record(for: address)?.outputs { driver.outputs[address] = .known(outputs) }
        }
        var published: [ResourceAddress: ResourceOutputs] = [:]
        for address in graph.order where isEdge(address) {
            let resource: any Resource = try #require(graph.resources[address])
            published[address] = try await driver.converge(resource)
        }

        let target = try await TinyOrigin.start(name: "api")
        for region in ["ap-northeast-1", "ap-northeast-2"] {
            let group = ResourceAddress(region: RegionName(region), stage: .services, kind: "target_group", name: "public-api")
            let arn: String = try #require(published[group]?["arn"]?.text, "\(group) has an arn")
            _ = try await test.client(region).query(.elasticLoadBalancingV2, "RegisterTargets", [
                "TargetGroupArn": arn, "Targets.member.1.Id": "127.0.0.1", "Targets.member.1.Port": String(target.port),
            ])
        }
        let balancers = try test.loadBalancerPlane()
        var logger = Logger(label: "local-cloudfront")
        logger.logLevel = .warning
        let edges = DistributionPlane(settings: .init(regions: ["ap-northeast-1", "ap-northeast-2"],
                                                      comment: DistributionComment.of(stackName: test.name)),
                                      client: try test.client("ap-northeast-1"), logger: logger)
        let serving = Task {
            async let alb: Void = balancers.run()
            async let cdn: Void = edges.run()
            _ = try await (alb, cdn)
        }
        func url(_ address: ResourceAddress) throws -> URL {
            let text: String? = published[address]?["url"]?.text
            return try #require(text.flatMap { URL(string: $0) }, "\(address) has a url")
        }
        let distribution = try url(ResourceAddress(region: "ap-northeast-1", stage: .cloudfront, kind: "cloudfront_distribution", name: "main"))
        let alb = try url(ResourceAddress(region: "ap-northeast-1", stage: .services, kind: "load_balancer", name: "main"))
        let secret = try #require(OriginSecret.of(deployment.stack, client: targets[0].client, ownerTargeted: true))
        let edge = Edge(test: test, driver: driver, secret: secret, target: target, serving: serving, balancers: balancers,
                        edges: edges, distribution: distribution, alb: alb)
        _ = try await ServiceStages.LocalDataPlaneTests.eventually("the distribution reaches the target") {
            try? await edge.viaDistribution().status == 200 ? true : nil
        }
        return edge
    }

    @Test("through the distribution 200 (the origin gets the header); straight to the ALB 403 without it or with another value; the value in no plan, state or output")
    func onlyTheDistributionIsAnswered() async throws {
        let edge = try await Self.start("orighdr")
        defer { Task { await edge.stop() } }
        let value = try await edge.current()
        #expect(value.count == 64)

        let through = try await edge.viaDistribution()
        #expect(through.status == 200)
        #expect(through.text.lowercased().contains("\(OriginSecret.headerName.lowercased()): \(value.lowercased())"),
                "the origin received the distribution's custom header")
        let bare = try await edge.direct()
        #expect(bare.status == 403)
        #expect(bare.text.contains(#""title":"Forbidden""#), "the listener's fixed response")
        #expect(try await edge.direct(header: "not-the-secret").status == 403)
        #expect(try await edge.direct("/elsewhere").status == 403, "a path no rule claims: the listener's default")
        #expect(try await edge.direct(header: value).status == 200, "the header alone is what the rules ask for")

        // Converged: a second pass changes nothing, and what diff and state see never holds the value.
        let deployment = try edge.test.deployment()
        let graph = try await deployment.graph(try edge.test.targets(deployment))
        for address in graph.order where Self.isEdge(address) {
            let resource: any Resource = try #require(graph.resources[address])
            let (live, changes) = try await edge.driver.changes(resource)
            #expect(changes.isEmpty, "\(address): \(changes)")
            #expect(!String(describing: live).contains(value), "\(address): its live view holds no secret value")
        }
        let rule: any Resource = try #require(graph.resources[ResourceAddress(region: "ap-northeast-2", stage: .services,
                                                                               kind: "listener_rule", name: "public-api")])
        let (live, _) = try await edge.driver.changes(rule)
        #expect(String(describing: live).contains(OriginSecret.heldValue), "the rule shows that it holds the secret's value")
        for file in edge.test.writtenFiles() {
            #expect(!((try? String(contentsOf: file, encoding: .utf8)) ?? "").contains(value), "\(file.lastPathComponent)")
        }
    }

    /// Every status a steady stream of requests through the distribution gets until cancelled.
    final class Stream: Sendable {
        let statuses = Mutex<[Int]>([])

        func run(_ edge: Edge) async {
            while !Task.isCancelled {
                let status = (try? await edge.viaDistribution("/public/stream").status) ?? 0
                statuses.withLock { $0.append(status) }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// `tpsctl …` as a user runs it against this test's stack, as its caller.
    static func tpsctl(_ test: TestStack, _ arguments: [String]) throws -> TpsctlChild {
        try TpsctlChild(arguments, environment: [
            "HOME": test.directory.path, "AWS_ACCESS_KEY_ID": test.accessKeyId, "AWS_SECRET_ACCESS_KEY": "test-secret",
            "AWS_EC2_METADATA_DISABLED": "true",
        ])
    }

    /// Whether every region's public-api rule accepts `count` header values.
    static func rulesAccept(_ count: Int, _ edge: Edge) async throws -> Bool {
        for region in ["ap-northeast-1", "ap-northeast-2"] {
            let elb = ElasticLoadBalancingV2(client: try edge.test.client(region))
            let name = "\(edge.test.name)-\(region == "ap-northeast-1" ? "apne1" : "apne2")-alb"
            guard let balancer = try await elb.describeLoadBalancers(names: [name]).first else { return false }
            for listener in try await elb.listeners(ofLoadBalancer: balancer.arn) {
                for rule in try await elb.rules(ofListener: listener.arn) {
                    if let header = rule.conditions.first(where: OriginSecret.isHeader), header.values.count != count { return false }
                }
            }
        }
        return true
    }

    @Test("tpsctl rotate origin-secret under a steady stream through the distribution: no request refused; a run SIGKILLed while its rules accept both values holds the lease, then is finished by the next with --force-unlock; the old value is refused after")
    func rotationRefusesNoRequest() async throws {
        let edge = try await Self.start("origrot")
        defer { Task { await edge.stop() } }
        let old = try await edge.current()
        let rotate = ["rotate", "origin-secret", "--stack", edge.test.stackFile.path, "--settle-seconds", "3"]

        let stream = Stream()
        let streaming = Task { await stream.run(edge) }

        // Killed while its rules accept both values (in the settle wait after widening them).
        let killed = try Self.tpsctl(edge.test, rotate)
        _ = try await ServiceStages.LocalDataPlaneTests.eventually("the first run widened every region's rules") {
            try await Self.rulesAccept(2, edge) ? true : nil
        }
        killed.kill9()
        let first = await killed.wait()
        #expect(first.signalled, "the first run was killed: \(first.status) \(first.stderr)")
        let pending = try await edge.secret.requireValues().pending
        #expect(pending != nil, "the killed run left its value pending")
        #expect(try await edge.direct(header: old).status == 200, "mid-rotation the old value is still accepted")
        // An `up` now would change nothing: the rules' two values are what the secret holds.
        let deployment = try edge.test.deployment()
        let graph = try await deployment.graph(try edge.test.targets(deployment))
        for address in graph.order where address.kind == "listener_rule" || address.kind == "cloudfront_distribution" {
            let resource: any Resource = try #require(graph.resources[address])
            #expect(try await edge.driver.changes(resource).changes.isEmpty, "mid-rotation, \(address)")
        }

        let refused = await (try Self.tpsctl(edge.test, rotate)).wait()
        #expect(refused.status == 1 && refused.stderr.contains("rotate origin-secret"),
                "the killed run's lease still holds the stack: \(refused.stderr)")
        let second = await (try Self.tpsctl(edge.test, rotate + ["--force-unlock"])).wait()
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        try await Task.sleep(for: .seconds(2))
        streaming.cancel()
        _ = await streaming.result

        let statuses = stream.statuses.withLock { $0 }
        #expect(statuses.count > 50, "a steady stream: \(statuses.count) requests")
        #expect(statuses.allSatisfy { (200..<300).contains($0) }, "non-2xx during the rotation: \(statuses.filter { !(200..<300).contains($0) })")
        #expect(second.stdout.contains("resuming"), "the second run resumed: \(second.stdout)")

        let values = try await edge.secret.requireValues()
        #expect(values.pending == nil, "no value left pending")
        #expect(values.current.id == pending?.id, "the pending value became current")
        let new = values.current.value.value
        #expect(new != old)
        #expect(try await edge.direct(header: old).status == 403, "the old value is dropped")
        #expect(try await edge.direct(header: new).status == 200)
        #expect(try await Self.rulesAccept(1, edge))
        let through = try await edge.viaDistribution()
        #expect(through.text.lowercased().contains("\(OriginSecret.headerName.lowercased()): \(new.lowercased())"), "the distribution sends the new value")
        for output in [first.stdout, first.stderr, second.stdout, second.stderr] {
            #expect(!output.contains(new) && !output.contains(old), "tpsctl printed no value")
        }
    }

    @Test("rotate origin-secret's bad input: a stack without CloudFront, one region of two, a negative settle time — one line each, exit 1, no AWS mutation")
    func rotateRefusesBadInput() async throws {
        let plain = try TestStack("origbad", images: false)
        defer { plain.removeFiles() }
        let noCloudFront = await (try Self.tpsctl(plain, ["rotate", "origin-secret", "--stack", plain.stackFile.path])).wait()
        noCloudFront.expectOneLineError("rotate origin-secret: \(plain.name) has no CloudFront distribution (cloudFront.enabled), so no origin header")
        let edged = try TestStack("origbad", images: false, extraYAML: "cloudFront:\n  enabled: true\n")
        defer { edged.removeFiles() }
        let oneRegion = await (try Self.tpsctl(edged, ["rotate", "origin-secret", "--stack", edged.stackFile.path,
                                                       "--region", "ap-northeast-1"])).wait()
        oneRegion.expectOneLineError("rotate origin-secret: the distribution sends one value to every region's ALB; "
                                     + "leave out --region (or give --all-regions): ap-northeast-2 not selected")
        let negative = await (try Self.tpsctl(edged, ["rotate", "origin-secret", "--stack", edged.stackFile.path,
                                                      "--settle-seconds=-1"])).wait()
        negative.expectOneLineError("--settle-seconds: must be 0 or more, got -1")
        #expect(try await plain.mutations().isEmpty, "nothing changed in AWS")
        #expect(try await edged.mutations().isEmpty, "nothing changed in AWS")
    }
}
