import AWSClient
import ContainerImage
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LocalDataPlane
import Logging
import Provisioning
import Stack
import Testing
@testable import StagesTestSupport

/// The local ALB writes access logs as ELB's delivery does: requests through a load balancer
/// whose `access_logs.s3.*` attributes are on become lines of a gzip object in its bucket, under
/// ELB's key layout, every interval and when the data plane stops, written with the data
/// plane's own credentials. A real target on loopback (TinyOrigin) answers; no task runs.
@Suite("The local ALB's access logs reach the bucket as ELB writes them", .serialized)
struct AccessLogPlaneTests {
    static let region = "ap-northeast-1"
    static let listenerPort = 8088
    static let prefix = "dp"

    /// An ALB through the API: a listener forwarding to one target group whose one target is
    /// `origin`, a rule answering `/fixed/*` itself, access logs to a bucket ELB may write to.
    struct Balancer {
        let arn: String
        let url: String
        let targetGroupArn: String
        let bucket: String
        let account: String
        let cleanUp: @Sendable () async -> Void
    }

    static func balancer(_ test: TestStack, origin: TinyOrigin) async throws -> Balancer {
        let client = try test.client(region)
        let account = try await STS(client: client).getCallerIdentity().account
        let ec2 = EC2(client: client), elb = ElasticLoadBalancingV2(client: client), s3 = S3(client: client)
        let vpc = try await ec2.createVpc(cidrBlock: "10.231.0.0/16")
        let subnets = [
            try await ec2.createSubnet(vpcId: vpc.vpcId, cidrBlock: "10.231.1.0/24", availabilityZone: "\(region)a"),
            try await ec2.createSubnet(vpcId: vpc.vpcId, cidrBlock: "10.231.2.0/24", availabilityZone: "\(region)c"),
        ]
        let balancer = try await elb.createApplicationLoadBalancer(
            name: "\(test.name)-alb", subnets: subnets.map(\.subnetId), securityGroups: [], scheme: "internet-facing", tags: [:])
        let group = try await elb.createIPTargetGroup(
            name: "\(test.name)-tg", port: origin.port, vpcId: vpc.vpcId,
            healthCheck: .init(path: "/", intervalSeconds: 5, timeoutSeconds: 2, healthyThreshold: 2, unhealthyThreshold: 2,
                               matcher: "200-399"), tags: [:])
        var targets: QueryParameters = ["TargetGroupArn": group.arn]
        targets.addList("Targets", [["Id": "127.0.0.1", "Port": String(origin.port)]])
        _ = try await client.query(.elasticLoadBalancingV2, "RegisterTargets", targets)
        let listener = try await elb.createListener(loadBalancerArn: balancer.arn, .init(
            port: listenerPort, listenerProtocol: "HTTP", certificateArn: nil, sslPolicy: nil,
            defaultAction: .forward(targetGroupArn: group.arn)), tags: [:])
        _ = try await elb.createRule(listenerArn: listener.arn, priority: 10, conditions: [.pathPattern(["/fixed/*"])],
                                     action: .fixedResponse(statusCode: 403, contentType: "text/plain", body: "no"), tags: [:])
        let bucket = "\(test.name)-\(account)-logs"
        try await s3.createBucket(bucket)
        try await s3.putBucketPolicy(bucket, """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::582318560864:root"},\
            "Action":"s3:PutObject","Resource":"arn:aws:s3:::\(bucket)/\(prefix)/AWSLogs/\(account)/*"}]}
            """)
        try await elb.modifyLoadBalancerAttributes(balancer.arn, [
            "access_logs.s3.enabled": "true", "access_logs.s3.bucket": bucket, "access_logs.s3.prefix": prefix,
        ])
        return Balancer(
            arn: balancer.arn, url: LocalLoadBalancerAddress(loadBalancerArn: balancer.arn).url(port: listenerPort),
            targetGroupArn: group.arn, bucket: bucket, account: account,
            cleanUp: {
                try? await elb.deleteLoadBalancer(balancer.arn)
                try? await elb.deleteTargetGroup(group.arn)
                for subnet in subnets { try? await ec2.deleteSubnet(id: subnet.subnetId) }
                try? await ec2.deleteVpc(id: vpc.vpcId)
                try? await s3.emptyAndDeleteBucket(bucket)
            })
    }

    /// A plane serving this test's load balancers, signed with the data plane's own key.
    static func plane(_ test: TestStack, interval: Duration, dataPlaneKey: String) throws -> LoadBalancerPlane {
        let environment = AWSEnvironment(["AWS_ACCESS_KEY_ID": dataPlaneKey, "AWS_SECRET_ACCESS_KEY": "data-plane-secret"],
                                         homeDirectory: test.directory.path)
        let configuration = try AWSConfiguration.load(AWSOverrides(region: region, endpointURL: test.aws.endpoint), environment: environment)
        var settings = LoadBalancerPlane.Settings(regions: [region], namePrefix: "\(test.name)-")
        settings.accessLogInterval = interval
        var logger = Logger(label: "local-alb")
        logger.logLevel = .info
        return LoadBalancerPlane(settings: settings, client: try AWSClient(configuration: configuration, region: region), logger: logger)
    }

    /// Each log object's key and lines (ELB's test file aside).
    static func logs(_ test: TestStack, _ balancer: Balancer) async throws -> [(key: String, lines: [String])] {
        let s3 = S3(client: try test.client(region))
        var found: [(key: String, lines: [String])] = []
        for object in try await s3.listObjects(balancer.bucket) where object.key.hasSuffix(".log.gz") {
            let text = String(decoding: try Gzip.decompress(try await s3.getObject(balancer.bucket, key: object.key)), as: UTF8.self)
            found.append((object.key, text.split(separator: "\n").map(String.init)))
        }
        return found
    }

    static func get(_ url: String) async throws -> Int {
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 5
        request.setValue("access-log-test/1.0", forHTTPHeaderField: "User-Agent")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// The fields of one line, quoted fields kept whole.
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            if character == "\"" { quoted.toggle(); continue }
            if character == " " && !quoted {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }

    @Test("requests through the ALB become lines of a gzip object under AWSLogs/<account>/elasticloadbalancing/<region>/yyyy/mm/dd/…log.gz every interval, with their status codes, target, bytes and user agent, put with the data plane's key; what is left when the plane stops is delivered then")
    func requestsBecomeLogObjects() async throws {
        let test = try TestStack("alogdp", images: false)
        defer { test.removeFiles() }
        let origin = try await TinyOrigin.start(name: "logorigin")
        let balancer = try await Self.balancer(test, origin: origin)
        let dataPlaneKey = "AKIADATAPLANE" + test.accessKeyId.suffix(6)
        let periodic = try Self.plane(test, interval: .seconds(1), dataPlaneKey: dataPlaneKey)
        let serving = Task { try await periodic.run() }
        do {
            _ = try await ServiceStages.LocalDataPlaneTests.eventually("the load balancer is served") {
                await periodic.urls()[balancer.arn]?.isEmpty == false ? true : nil
            }
            #expect(try await Self.get(balancer.url + "/hello?x=1") == 200)
            #expect(try await Self.get(balancer.url + "/a/logorigin-status/404") == 404)
            #expect(try await Self.get(balancer.url + "/fixed/thing") == 403)

            let logs = try await ServiceStages.LocalDataPlaneTests.eventually("a log object with the three requests") {
                let logs = try await Self.logs(test, balancer)
                return logs.flatMap(\.lines).count >= 3 ? logs : nil
            }
            let lines = logs.flatMap(\.lines)
            #expect(lines.count == 3, "\(lines)")
            let host = balancer.url.dropFirst("http://".count).split(separator: ":")[0]
            let elbId = String(balancer.arn.split(separator: ":")[5].dropFirst("loadbalancer/".count))
            func line(_ path: String) throws -> [String] {
                let found = try #require(lines.first { $0.contains(" http://\(host):\(Self.listenerPort)\(path) HTTP/1.1\"") }, "\(path) in \(lines)")
                let fields = Self.fields(found)
                #expect(fields.count == 30, "30 fields: \(fields)")
                #expect(fields[0] == "http" && fields[2] == elbId, "\(fields)")
                #expect(fields[1].hasSuffix("Z") && fields[1].count == 27, "time with microseconds: \(fields[1])")
                #expect(fields[3].hasPrefix("127.0.0.1:"), "client:port \(fields[3])")
                #expect(fields[13] == "access-log-test/1.0")
                #expect(Int(fields[10]) ?? 0 > 0 && Int(fields[11]) ?? 0 > 0, "bytes received and sent: \(fields[10]) \(fields[11])")
                return fields
            }
            let hello = try line("/hello?x=1")
            #expect(hello[4] == "127.0.0.1:\(origin.port)" && hello[8] == "200" && hello[9] == "200", "\(hello)")
            #expect(hello[16] == balancer.targetGroupArn && hello[22] == "forward", "\(hello)")
            #expect(Double(hello[5]) ?? -1 >= 0 && Double(hello[6]) ?? -1 >= 0, "processing times: \(hello[5...7])")
            let notFound = try line("/a/logorigin-status/404")
            #expect(notFound[8] == "404" && notFound[9] == "404", "\(notFound)")
            let fixed = try line("/fixed/thing")
            #expect(fixed[4] == "-" && fixed[8] == "403" && fixed[9] == "-" && fixed[22] == "fixed-response", "\(fixed)")
            #expect(fixed[5] == "-1" && fixed[6] == "-1", "no target, no times: \(fixed)")

            let key = try #require(logs.first?.key)
            let pattern = #"^dp/AWSLogs/(\d{12})/elasticloadbalancing/ap-northeast-1/\d{4}/\d{2}/\d{2}/\1_elasticloadbalancing_ap-northeast-1_"#
                + NSRegularExpression.escapedPattern(for: elbId.replacingOccurrences(of: "/", with: "."))
                + #"_\d{8}T\d{4}Z_"# + NSRegularExpression.escapedPattern(for: String(host)) + #"_[a-z0-9]{8}\.log\.gz$"#
            #expect(key.range(of: pattern, options: .regularExpression) != nil, "ELB's key layout: \(key)")
            #expect(key.hasPrefix("dp/AWSLogs/\(balancer.account)/"))
            let puts = try await test.aws.requests(signedWith: dataPlaneKey).filter { $0.action == "PutObject" }
            #expect(!puts.isEmpty && puts.allSatisfy { $0.status == 200 }, "the data plane's own key put the objects: \(puts)")
            #expect(try await test.aws.requests(signedWith: test.accessKeyId).allSatisfy { $0.action != "PutObject" })
            #expect(await periodic.accessLogRecordsDropped().isEmpty)
        } catch {
            serving.cancel()
            await balancer.cleanUp()
            await origin.stop()
            throw error
        }
        serving.cancel()
        _ = try? await serving.value

        // A plane whose interval never comes: its last records go out when it stops.
        let stopping = try Self.plane(test, interval: .seconds(3600), dataPlaneKey: dataPlaneKey)
        let second = Task { try await stopping.run() }
        _ = try await ServiceStages.LocalDataPlaneTests.eventually("the load balancer is served again") {
            await stopping.urls()[balancer.arn]?.isEmpty == false ? true : nil
        }
        #expect(try await Self.get(balancer.url + "/at-stop") == 200)
        let before = try await Self.logs(test, balancer).count
        second.cancel()
        _ = try? await second.value
        let after = try await Self.logs(test, balancer)
        #expect(after.count == before + 1, "one more object, written at stop")
        #expect(after.flatMap(\.lines).contains { $0.contains("/at-stop HTTP/1.1\" ") && $0.contains(" 200 200 ") }, "\(after)")

        await balancer.cleanUp()
        await origin.stop()
    }
}

/// The access log's parts without a server: the buffer's bound and the line's escaping.
@Suite("The local ALB's access-log buffer and line format")
struct AccessLogFormatTests {
    static func record(_ userAgent: String? = nil) -> AccessLogRecord {
        AccessLogRecord(received: 1_796_000_000.25, answered: 1_796_000_000.5, clientAddress: "127.0.0.1", clientPort: 5555,
                        elbStatus: 403, receivedBytes: 90, sentBytes: 120, requestLine: "GET http://h:80/x HTTP/1.1",
                        userAgent: userAgent, actions: [.fixedResponse])
    }

    @Test("a full buffer refuses records and counts them; a drain hands over what it kept and starts anew")
    func bufferIsBounded() {
        let buffer = AccessLogBuffer(capacity: 2)
        for _ in 0..<5 { buffer.append(Self.record()) }
        let drained = buffer.drain()
        #expect(drained.records.count == 2 && drained.dropped == 3)
        let empty = buffer.drain()
        #expect(empty.records.isEmpty && empty.dropped == 0)
    }

    @Test("quotes, backslashes and control characters in a user agent cannot split a field; unknown fields are -; no target gives -1 times")
    func lineEscapes() {
        let line = AccessLogLine.format(Self.record("evil\" agent\\\n"), loadBalancer: "app/x/1")
        #expect(!line.contains("\n"))
        #expect(line.contains(#""evil\x22 agent\x5c\x0a""#), "\(line)")
        #expect(line.hasPrefix("http 2026-11-30T00:53:20.500000Z app/x/1 "), "\(line)")
        #expect(line.contains(" app/x/1 127.0.0.1:5555 - -1 -1 -1 403 - 90 120 \"GET http://h:80/x HTTP/1.1\" "), "\(line)")
        #expect(line.contains(" 2026-11-30T00:53:20.250000Z \"fixed-response\" "), "request_creation_time, actions: \(line)")
        #expect(AccessLogPlaneTests.fields(line).count == 30, "\(line)")
    }
}
