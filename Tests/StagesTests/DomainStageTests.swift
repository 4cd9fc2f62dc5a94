import AWSClient
import Foundation
import Provisioning
import Stack
import Stages
import Testing
@testable import StagesTestSupport

/// Issue 16 part 1 against the local AWS: with `domain`, stage 05 requests each ALB's ACM
/// certificate for `origin-<region>.<domain>`, validates it by DNS (records into the hosted zone,
/// or printed and waited for), serves HTTPS with it and points the name at the ALB.
extension ServiceStages {
    @Suite("Stage 05 certificates and alias records against the local AWS")
    struct DomainStageTests {
        static let regions = ["ap-northeast-1", "ap-northeast-2"]

        /// A public hosted zone for `name` (the user's, outside the stack); its id without `/hostedzone/`.
        static func createZone(_ client: AWSClient, name: String) async throws -> String {
            let body = XMLTree("CreateHostedZoneRequest", attributes: ["xmlns": Route53.xmlNamespace], children: [
                .leaf("Name", name), .leaf("CallerReference", UUID().uuidString),
            ])
            let response = try await client.restXML(.route53, action: "CreateHostedZone", method: "POST",
                                                    path: "/2013-04-01/hostedzone", body: body)
            let id = try #require(response.body?.string("HostedZone", "Id"))
            return String(id.split(separator: "/").last ?? "")
        }

        /// Every record set of the zone: "name type" → values or "ALIAS <dns name>".
        static func records(_ client: AWSClient, zone: String) async throws -> [String: String] {
            let response = try await client.restXML(.route53, action: "ListResourceRecordSets", method: "GET",
                                                    path: "/2013-04-01/hostedzone/\(zone)/rrset")
            var records: [String: String] = [:]
            for set in response.body?.child("ResourceRecordSets")?.children("ResourceRecordSet") ?? [] {
                let key = "\(set.string("Name") ?? "") \(set.string("Type") ?? "")"
                if let alias = set.string("AliasTarget", "DNSName") {
                    records[key] = "ALIAS \(alias)"
                } else {
                    records[key] = set.child("ResourceRecords")?.children("ResourceRecord").compactMap { $0.string("Value") }
                        .joined(separator: ",")
                }
            }
            return records
        }

        /// The region's certificates for `name`: ARN → status.
        static func certificates(_ client: AWSClient, name: String) async throws -> [String: String] {
            let listed = try await client.json(.certificateManager, "ListCertificates", [:])
            var found: [String: String] = [:]
            for summary in listed["CertificateSummaryList"]?.array ?? [] where summary["DomainName"]?.string == name {
                let arn = summary["CertificateArn"]?.string ?? ""
                let described = try await client.json(.certificateManager, "DescribeCertificate", ["CertificateArn": .string(arn)])
                found[arn] = described["Certificate"]?["Status"]?.string ?? ""
            }
            return found
        }

        static func originName(_ region: String, domain: String) -> String {
            "origin-\(region == "ap-northeast-1" ? "apne1" : "apne2").\(domain)"
        }

        /// Each region's certificates for its ALB's origin name: region → (ARN → status).
        static func originCertificates(_ test: TestStack, domain: String) async throws -> [String: [String: String]] {
            var found: [String: [String: String]] = [:]
            for region in regions {
                found[region] = try await certificates(try test.client(region), name: originName(region, domain: domain))
            }
            return found
        }

        /// A stack whose `domain:` names a hosted zone made for it, beside `sections` (more top-level YAML).
        static func stackWithZone(_ prefix: String, besides sections: String = "") async throws
            -> (test: TestStack, domain: String, dns: AWSClient, zone: String)
        {
            let test = try TestStack(prefix)
            do {
                let domain = "\(test.name).example.com"
                let dns = try test.client("ap-northeast-1")
                let zone = try await createZone(dns, name: domain)
                try test.writeStack(services: sections + """
                    domain:
                      name: \(domain)
                      hostedZoneId: \(zone)

                    """)
                return (test, domain, dns, zone)
            } catch {
                test.removeFiles()
                throw error
            }
        }

        @Test("with a hosted zone: each ALB's certificate is validated through the zone and served on 443, its name an alias of the ALB; a re-run changes nothing; down removes records and certificates")
        func withHostedZone() async throws {
            let (test, domain, dns, zone) = try await Self.stackWithZone("dom")
            defer { test.removeFiles() }
            let report = try await test.up(to: "05")
            #expect(report.succeeded, "up failed: \(report.failures)")

            let records = try await Self.records(dns, zone: zone)
            for region in Self.regions {
                let client = try test.client(region)
                let origin = Self.originName(region, domain: domain)
                let certificates = try await Self.certificates(client, name: origin)
                #expect(certificates.count == 1, "\(region): one certificate for \(origin): \(certificates)")
                let (arn, status) = try #require(certificates.first)
                #expect(status == "ISSUED", "validated through the zone")
                let reads = IndependentReads(client: client, stack: test.name)
                let alb = try #require(try await reads.loadBalancers()["\(test.name)-\(region == "ap-northeast-1" ? "apne1" : "apne2")-alb"])
                let listeners = try await reads.listeners(alb.arn)
                #expect(listeners.keys.sorted() == [80, 443])
                #expect(listeners[80]?.action == "redirect")
                let https = try await client.query(.elasticLoadBalancingV2, "DescribeListeners",
                                                   ["ListenerArns.member.1": try #require(listeners[443]).arn])
                #expect(https.child("Listeners")?.listItems().first?.child("Certificates")?.listItems().first?
                    .string("CertificateArn") == arn)
                let dnsName = try #require(try await ElasticLoadBalancingV2(client: client).describeLoadBalancers()
                    .first { $0.arn == alb.arn }?.dnsName)
                #expect(records["\(origin). A"]?.lowercased().hasPrefix("alias \(dnsName.lowercased())") == true,
                        "\(origin) points at the ALB: \(records)")
                #expect(records.contains { $0.key.hasSuffix("\(origin). CNAME") && $0.value.contains("acm-validations.aws") },
                        "the validation record is in the zone: \(records)")
            }
            #expect(try await !test.plan(to: "05").hasChanges)

            #expect(try await test.down().succeeded)
            let left = try await Self.records(dns, zone: zone)
            #expect(!left.keys.contains { $0.hasSuffix(" A") }, "alias records removed: \(left)")
            #expect(try await Self.originCertificates(test, domain: domain).values.allSatisfy(\.isEmpty))
        }

        @Test("stage 07 with a domain: the distribution answers it with a us-east-1 certificate, reaches both ALBs https-only at their origin names, and the domain is its alias; a re-run changes nothing")
        func distributionWithDomain() async throws {
            let (test, domain, dns, zone) = try await Self.stackWithZone("dcf", besides: """
                cloudFront:
                  enabled: true

                """)
            defer { test.removeFiles() }
            let report = try await test.up(to: "07")
            #expect(report.succeeded, "up failed: \(report.failures)")

            let distributions = try await IndependentReads(client: dns, stack: test.name).distributions()
            let config = try #require(distributions.values.first?.config)
            #expect(config.child("Aliases")?.child("Items")?.children("CNAME").map(\.text) == [domain])
            let certificate = try #require(config.string("ViewerCertificate", "ACMCertificateArn"))
            #expect(certificate.hasPrefix("arn:aws:acm:us-east-1:"), "CloudFront takes certificates from us-east-1: \(certificate)")
            #expect(try await Self.certificates(dns.withRegion("us-east-1"), name: domain).values.sorted() == ["ISSUED"])
            let origins = config.child("Origins")?.child("Items")?.children("Origin") ?? []
            #expect(origins.compactMap { $0.string("DomainName") }
                == [Self.originName("ap-northeast-1", domain: domain), Self.originName("ap-northeast-2", domain: domain)])
            #expect(origins.allSatisfy { $0.string("CustomOriginConfig", "OriginProtocolPolicy") == "https-only" })
            let records = try await Self.records(dns, zone: zone)
            let distributionName = try #require(try await CloudFront(client: dns).listDistributions()
                .first { distributions.keys.contains($0.id) }?.domainName)
            for type in ["A", "AAAA"] {
                #expect(records["\(domain). \(type)"]?.lowercased().hasPrefix("alias \(distributionName.lowercased())") == true,
                        "\(type): \(records)")
            }
            let plan = try await test.plan(to: "07")
            #expect(!plan.hasChanges, "plan after up: \(plan.render())")

            #expect(try await test.down().succeeded)
            #expect(try await Self.certificates(dns.withRegion("us-east-1"), name: domain).isEmpty)
            #expect(!(try await Self.records(dns, zone: zone)).keys.contains { $0.hasSuffix(" A") || $0.hasSuffix(" AAAA") })
        }

        @Test("without a hosted zone: up prints each validation record and waits until it resolves")
        func printedValidation() async throws {
            let test = try TestStack("dnp")
            defer { test.removeFiles() }
            let domain = "\(test.name).example.com"
            try test.writeStack(services: """
                domain:
                  name: \(domain)

                """)
            let recorder = EventRecorder()
            let up = Task { try await test.up(to: "05", events: recorder.sink) }
            // The operator's side: once a record is printed, publish it in the DNS (a zone the stack does not know).
            let dns = try test.client("ap-northeast-1")
            let zone = try await Self.createZone(dns, name: domain)
            var published: Set<String> = []
            let deadline = ContinuousClock.now + .seconds(240)
            while published.count < Self.regions.count, ContinuousClock.now < deadline {
                for note in recorder.notes where note.hasPrefix("create in the DNS of ") {
                    let parts = note.split(separator: " ")
                    let name = String(parts[parts.count - 3]), value = String(parts[parts.count - 1])
                    guard !published.contains(name) else { continue }
                    try await Route53(client: dns).change(
                        zoneId: zone, [(action: "UPSERT", record: .init(name: name, type: "CNAME", ttl: 60, values: [value]))],
                        comment: "operator")
                    published.insert(name)
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            let report = try await up.value
            #expect(report.succeeded, "up failed: \(report.failures)")
            #expect(published.count == 2, "a record printed for each ALB's name: \(recorder.notes)")
            for (region, certificates) in try await Self.originCertificates(test, domain: domain) {
                #expect(certificates.values.sorted() == ["ISSUED"], "\(region)")
            }
            // The domain removed from the stack: down still finds the certificates by their tags.
            try test.writeStack(services: "")
            #expect(try await test.down().succeeded)
            for (region, certificates) in try await Self.originCertificates(test, domain: domain) {
                #expect(certificates.isEmpty, "\(region): the certificate of a removed domain is swept")
            }
        }
    }
}
