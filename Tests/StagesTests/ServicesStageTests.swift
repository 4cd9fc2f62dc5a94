import AWSClient
import Foundation
import Provisioning
import Stack
import Stages
import Testing
@testable import StagesTestSupport

/// Stage 05 against the local AWS emulator, both regions: ALB, target groups, listener, rules
/// and the three ECS services, running the images stage 01 pushed.
extension ServiceStages {
    @Suite("Stage 05 ALB and services against the local AWS")
    struct ServicesStageTests {
        static let regions = ["ap-northeast-1", "ap-northeast-2"]

        static func short(_ region: String) -> String { region == "ap-northeast-1" ? "apne1" : "apne2" }

        @Test("up builds the ALB, routes and stable services; a re-run mutates nothing; a cpu change is one revision and one service update; down leaves nothing")
        func lifecycle() async throws {
            let test = try TestStack("svc")
            defer { test.removeFiles() }

            let report = try await test.up(to: "05")
            #expect(report.succeeded, "up failed: \(report.failures)")

            for region in Self.regions {
                let reads = IndependentReads(client: try test.client(region), stack: test.name)
                let short = Self.short(region)
                let cluster = "\(test.name)-\(short)-cluster"
                let balancers = try await reads.loadBalancers()
                let alb = try #require(balancers["\(test.name)-\(short)-alb"], "\(balancers.keys)")
                #expect(alb.scheme == "internet-facing")
                #expect(alb.subnets == 2)
                let groups = try await reads.targetGroups()
                let publicGroup = try #require(groups["\(test.name)-\(short)-public-api"], "\(groups.keys)")
                let confirmGroup = try #require(groups["\(test.name)-\(short)-confirm-api"])
                #expect(publicGroup.type == "ip" && publicGroup.path == "/public/health")
                #expect(confirmGroup.type == "ip" && confirmGroup.path == "/confirm/health")
                let listeners = try await reads.listeners(alb.arn)
                #expect(listeners.keys.sorted() == [80])
                #expect(listeners[80]?.action == "fixed-response")
                let routes = try await reads.routes(try #require(listeners[80]).arn)
                #expect(routes == ["/public/*": publicGroup.arn, "/confirm/*": confirmGroup.arn])
                let schemaRuns = try await reads.oneOffTasks(cluster: cluster, startedBy: "tps-db-schema-")
                #expect(schemaRuns.count == 1, "\(region): one schema migration task: \(schemaRuns)")
                let schemaRun = try #require(schemaRuns.first)
                #expect(schemaRun["containers"]?[0]?["exitCode"]?.int == 0)
                let command = schemaRun["overrides"]?["containerOverrides"]?[0]?["command"]?.array?.compactMap(\.string)
                #expect(command == ["confirm-worker", "migrate"], "the schema alone; the seed is stage 08's")
                #expect(try await reads.clusterTags(cluster)["tps:db-schema"]?.isEmpty == false)
                let schemaDone = try #require(schemaRun["stoppedAt"]?.double)
                for service in ServiceName.allCases {
                    let described = try #require(try await reads.service(service.rawValue, cluster: cluster))
                    let deployed = (described["deployments"]?.array ?? []).compactMap { $0["createdAt"]?.double }
                    let created = try #require(deployed.min(), "\(service.rawValue): no deployment")
                    #expect(created >= schemaDone, "\(service.rawValue) was deployed after the schema was in place")
                    #expect(described["status"]?.string == "ACTIVE")
                    #expect(described["launchType"]?.string == "FARGATE")
                    #expect(described["desiredCount"]?.int == 2)
                    #expect(described["runningCount"]?.int == 2, "stable before up returns")
                    #expect(described["taskDefinition"]?.string?.hasSuffix("task-definition/\(test.name)-\(short)-\(service.rawValue):1") == true)
                    let network = described["networkConfiguration"]?["awsvpcConfiguration"]
                    #expect(network?["assignPublicIp"]?.string == "DISABLED")
                    #expect(network?["subnets"]?.array?.count == 2)
                    let breaker = described["deploymentConfiguration"]?["deploymentCircuitBreaker"]
                    #expect(breaker?["enable"]?.bool == true && breaker?["rollback"]?.bool == true)
                    #expect(described["deploymentConfiguration"]?["minimumHealthyPercent"]?.int == 100)
                    #expect(described["deploymentConfiguration"]?["maximumPercent"]?.int == 200)
                    let balancing = described["loadBalancers"]?.array ?? []
                    if service == .confirmWorker {
                        #expect(balancing.isEmpty)
                    } else {
                        #expect(balancing.first?["targetGroupArn"]?.string == (service == .publicAPI ? publicGroup.arn : confirmGroup.arn))
                        #expect(described["healthCheckGracePeriodSeconds"]?.int == 30)
                    }
                }
            }
            let recorded = try await test.deployment().store.outputs(region: "ap-northeast-1")
            let alb = try #require(recorded[ResourceAddress(region: "ap-northeast-1", stage: .services, kind: "load_balancer", name: "main")])
            #expect(alb["arnSuffix"]?.text.hasPrefix("app/\(test.name)-apne1-alb/") == true)
            #expect(alb["dnsName"]?.text.isEmpty == false)
            let group = try #require(recorded[ResourceAddress(region: "ap-northeast-1", stage: .services, kind: "target_group", name: "public-api")])
            #expect(group["arnSuffix"]?.text.hasPrefix("targetgroup/\(test.name)-apne1-public-api/") == true)
            let worker = try #require(recorded[ResourceAddress(region: "ap-northeast-1", stage: .services, kind: "ecs_service", name: "confirm-worker")])
            #expect(worker["clusterName"]?.text == "\(test.name)-apne1-cluster")
            #expect(worker["serviceName"]?.text == "confirm-worker")

            let plan = try await test.plan(to: "05")
            #expect(!plan.hasChanges, "plan after up: \(plan.render())")
            let before = try await test.mutations().count
            let second = try await test.up(to: "05")
            #expect(second.succeeded, "\(second.failures)")
            #expect(second.mutated.isEmpty, "\(second.mutated)")
            #expect(try await test.mutations().count == before, "a converged up must make no mutating call")

            try test.writeStack(services: """
                services:
                  public-api:
                    cpu: 512
                    memory: 1024

                """)
            let third = try await test.up(to: "05")
            #expect(third.succeeded, "\(third.failures)")
            #expect(Set(third.mutated.map(\.key)) == ["task_definition.public-api", "ecs_service.public-api"])
            let calls = try await test.mutations().dropFirst(before).compactMap(\.action).sorted()
            #expect(calls == ["RegisterTaskDefinition", "RegisterTaskDefinition", "UpdateService", "UpdateService"],
                    "one new revision and one service update per region")
            for region in Self.regions {
                let reads = IndependentReads(client: try test.client(region), stack: test.name)
                let short = Self.short(region)
                let described = try #require(try await reads.service("public-api", cluster: "\(test.name)-\(short)-cluster"))
                #expect(described["taskDefinition"]?.string?.hasSuffix("\(test.name)-\(short)-public-api:2") == true)
                #expect(described["runningCount"]?.int == 2)
            }
            #expect(try await !test.plan(to: "05").hasChanges)

            let down = try await test.down()
            #expect(down.succeeded, "down: \(down.failures) left: \(down.leftovers)")
            #expect(down.leftovers.isEmpty)
            for region in Self.regions {
                let reads = IndependentReads(client: try test.client(region), stack: test.name)
                let short = Self.short(region)
                #expect(try await reads.loadBalancers().isEmpty)
                #expect(try await reads.targetGroups().isEmpty)
                for service in ServiceName.allCases {
                    let status = try await reads.service(service.rawValue, cluster: "\(test.name)-\(short)-cluster")?["status"]?.string
                    #expect(status == nil || status == "INACTIVE")
                    #expect(try await reads.activeRevisions("\(test.name)-\(short)-\(service.rawValue)").isEmpty)
                }
                #expect(try await reads.vpcs().isEmpty)
            }
        }

        @Test("a deployment the circuit breaker rolls back fails up, naming the service and the reason")
        func rolledBackDeploymentFails() async throws {
            let test = try TestStack("roll")
            defer { test.removeFiles() }
            let first = try await test.up(to: "05")
            #expect(first.succeeded, "up failed: \(first.failures)")

            let reason = "tpstest: essential container exited (health check failed)"
            try await test.aws.failDeployment(service: "confirm-api", cluster: "\(test.name)-apne1-cluster",
                                              region: "ap-northeast-1", reason: reason)
            try test.writeStack(services: """
                services:
                  confirm-api:
                    cpu: 512
                    memory: 1024

                """)
            let (sink, events, finish) = EventSink.stream()
            let report = try await test.up(to: "05", events: sink)
            finish()
            var progress: [String] = []
            for await event in events { if case .waiting = event { progress.append(event.description) } }
            #expect(!report.succeeded)
            let failure = try #require(report.failures.first { $0.address.key == "ecs_service.confirm-api" }, "\(report.failures)")
            #expect(failure.address.region == "ap-northeast-1")
            #expect(failure.message.contains(reason), "\(failure.message)")
            #expect(failure.message.contains("confirm-api"))
            #expect(report.failures.count == 1, "only the failed service in the failed region: \(report.failures)")
            #expect(progress.contains { $0.contains("running") && $0.contains("rollout") }, "progress: \(progress)")

            let reads = IndependentReads(client: try test.client("ap-northeast-1"), stack: test.name)
            let described = try #require(try await reads.service("confirm-api", cluster: "\(test.name)-apne1-cluster"))
            #expect(described["taskDefinition"]?.string?.hasSuffix("-confirm-api:1") == true, "rolled back to revision 1")

            #expect(try await test.down().succeeded)
        }

        @Test("with a certificate: HTTPS carries the routes with the TLS policy, HTTP only redirects")
        func httpsWithCertificate() async throws {
            let test = try TestStack("tls")
            defer { test.removeFiles() }
            var certificates: [String: String] = [:]
            for region in Self.regions {
                let output = try await test.client(region).json(.certificateManager, "RequestCertificate", [
                    "DomainName": .string("\(test.name).example.com"), "ValidationMethod": "DNS",
                ])
                certificates[region] = try #require(output["CertificateArn"]?.string)
            }
            try test.writeStack(services: """
                alb:
                  certificateArns:
                    ap-northeast-1: \(certificates["ap-northeast-1"]!)
                    ap-northeast-2: \(certificates["ap-northeast-2"]!)

                """)
            let report = try await test.up(to: "05")
            #expect(report.succeeded, "up failed: \(report.failures)")
            for region in Self.regions {
                let reads = IndependentReads(client: try test.client(region), stack: test.name)
                let short = Self.short(region)
                let alb = try #require(try await reads.loadBalancers()["\(test.name)-\(short)-alb"])
                let listeners = try await reads.listeners(alb.arn)
                #expect(listeners.keys.sorted() == [80, 443])
                #expect(listeners[80]?.action == "redirect")
                #expect(listeners[443]?.action == "fixed-response")
                #expect(try await reads.routes(try #require(listeners[80]).arn).isEmpty)
                let routes = try await reads.routes(try #require(listeners[443]).arn)
                #expect(Set(routes.keys) == ["/public/*", "/confirm/*"])
            }
            #expect(try await !test.plan(to: "05").hasChanges)
            #expect(try await test.down().succeeded)
        }
    }
}
