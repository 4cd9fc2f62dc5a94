import Testing
@testable import Stack

/// The committed stack files must always load; these tests also pin the values later stages rely on.
@Suite struct StackFilesTests {
    @Test func productionStackLoadsWithBothRegions() throws {
        let stack = try StackLoader.load(path: RepositoryFiles.path("stacks/max-tps.yaml"))
        #expect(stack.name == "max-tps")
        #expect(stack.regions.map(\.region) == [.apNortheast1, .apNortheast2])
        #expect(stack.regions.map(\.cidr.description) == ["10.10.0.0/16", "10.20.0.0/16"])
        #expect(stack.regions.allSatisfy { $0.azCount == 3 && $0.nat == .perAZ })
        // Sized by `tpsctl capacity --stack stacks/max-tps.yaml --rps 100000` (its comment says so).
        #expect(stack.capacity.targetRPS == 100_000)
        #expect(stack.dataPlane.aurora.minACU == 1)
        #expect(stack.dataPlane.aurora.maxACU == 137.5)
        #expect(stack.dataPlane.aurora.connectionsPerTask == 20)
        #expect(stack.dataPlane.redis.nodeType == "cache.r7g.2xlarge")
        #expect(stack.dataPlane.redis.replicas == 1)
        #expect(stack.cloudFront.enabled)
        #expect(stack.cloudFront.summaryTTLSeconds == 10)
        #expect(stack.local == nil)
        #expect(stack.tags["project"] == "ticketing")
        #expect(stack.production, "the production stack keeps its data (deletion protection, final snapshot)")
        #expect(stack.waf == WAFConfig(enabled: true, countMode: false, managedCommonRuleSet: true,
                                       enterLimit: 300, holdLimit: 300, confirmLimit: 600))
    }

    @Test func productionServicesCarryTheSeedsScalingPolicies() throws {
        let stack = try StackLoader.load(path: RepositoryFiles.path("stacks/max-tps.yaml"))
        for name in [ServiceName.publicAPI, .confirmAPI] {
            let service = stack.services[name]
            #expect(service.port == 8080)
            #expect(service.autoscaling.cpuTargetPercent == 60)
            #expect(service.autoscaling.http == HTTPScaling(requestsPerTarget: 800, latencyP95Milliseconds: 200,
                                                            latencyStepPercent: 20))
            #expect(service.autoscaling.queue == nil)
            #expect(FargateSize.isValid(cpu: service.cpu, memory: service.memory))
        }
        let worker = stack.services.confirmWorker
        #expect(worker.port == nil && worker.healthPath == nil)
        #expect(worker.autoscaling.http == nil)
        #expect(worker.autoscaling.queue?.messagesPerTask == 100)
        #expect(stack.databaseInit.migrateCommand == ["confirm-worker", "migrate"])
    }

    @Test func regionOverridesApplyOnlyToTheirRegion() throws {
        let stack = try StackLoader.load(path: RepositoryFiles.path("stacks/max-tps.yaml"))
        let tokyo = stack.service(.publicAPI, in: .apNortheast1)
        let seoul = stack.service(.publicAPI, in: .apNortheast2)
        #expect((tokyo.desiredCount, tokyo.minCount, tokyo.maxCount) == (6, 6, 38))
        #expect((seoul.desiredCount, seoul.minCount, seoul.maxCount) == (3, 3, 38))
        #expect(seoul.cpu == tokyo.cpu)
    }

    @Test func productionSubnetsAreCarvedPerAZ() throws {
        let stack = try StackLoader.load(path: RepositoryFiles.path("stacks/max-tps.yaml"))
        let layout = try #require(try stack.subnets(in: .apNortheast2))
        #expect(layout.zones.map(\.privateSubnet.description) == ["10.20.0.0/20", "10.20.16.0/20", "10.20.32.0/20"])
        #expect(layout.zones.map(\.publicSubnet.description) == ["10.20.255.0/24", "10.20.254.0/24", "10.20.253.0/24"])
    }

    @Test func localStackLoadsWithLocalEndpoints() throws {
        let stack = try StackLoader.load(path: RepositoryFiles.path("stacks/local.yaml"))
        #expect(stack.name == "tps-local")
        #expect(stack.regions.map(\.region) == [.apNortheast1, .apNortheast2])
        #expect(stack.regions.allSatisfy { $0.nat == .single })
        let local = try #require(stack.local)
        #expect(local.endpointURL.rawValue == "http://127.0.0.1:4566")
        #expect(local.registryURL?.port == 5001)
        #expect(local.databaseURL?.rawValue == "postgres://tps:tps@127.0.0.1:5433/tps")
        #expect(local.redisURL?.rawValue == "rediss://127.0.0.1:6391")
        // The testenv CA (scripts/testenv start makes it), resolved beside the stack file.
        #expect(local.databaseCA == RepositoryFiles.path(".testenv/tls/ca.pem"))
        #expect(local.redisCA == local.databaseCA)
        #expect(TransitTrust(stack).databaseSSLMode == "verify-full")
    }

    @Test("both stacks turn the ALB's access logs on: production keeps 90 days, local 7; the bucket name fits S3's rules")
    func accessLogsOn() throws {
        let production = try StackLoader.load(path: RepositoryFiles.path("stacks/max-tps.yaml"))
        let local = try StackLoader.load(path: RepositoryFiles.path("stacks/local.yaml"))
        #expect(production.loadBalancer.accessLogs == AccessLogsConfig(enabled: true, prefix: "alb", retentionDays: 90))
        #expect(local.loadBalancer.accessLogs == AccessLogsConfig(enabled: true, prefix: "alb", retentionDays: 7))
        let name = production.namer(for: .apNortheast2).accessLogBucketName(account: "123456789012")
        #expect(name == "max-tps-123456789012-apne2-alb-logs")
        let longest = ResourceNamer(stack: String(repeating: "a", count: StackNameRule.maxLength), region: .apNortheast1)
            .accessLogBucketName(account: "123456789012")
        #expect((3...63).contains(longest.count) && longest == longest.lowercased())
    }

    @Test func localStackNeverPrintsTheDatabasePassword() throws {
        let stack = try StackLoader.load(path: RepositoryFiles.path("stacks/local.yaml"))
        let printed = "\(stack)"
        #expect(printed.contains("postgres://tps:redacted@127.0.0.1:5433/tps"))
        #expect(!printed.contains("tps:tps@"))
    }

    @Test func productionAndLocalRangesDoNotOverlap() throws {
        let production = try StackLoader.load(path: RepositoryFiles.path("stacks/max-tps.yaml"))
        let local = try StackLoader.load(path: RepositoryFiles.path("stacks/local.yaml"))
        for a in production.regions {
            for b in local.regions {
                #expect(!a.cidr.overlaps(b.cidr), "\(a.cidr) overlaps \(b.cidr)")
            }
        }
    }

    @Test func seedTemplateRendersFromTheStack() throws {
        let stack = try StackLoader.load(path: RepositoryFiles.path("stacks/max-tps.yaml"))
        let sql = try TemplateRenderer.render(contentsOf: RepositoryFiles.path("templates/db/seed.sql.template"),
                                              values: stack.databaseInit.seedTemplateValues)
        #expect(sql.contains("generate_series(1, 5) AS e"))
        #expect(sql.contains("generate_series(1, 1000) AS n"))
        #expect(sql.contains("'KRW'"))
        #expect(!sql.contains("{{"))
    }

    @Test func aMinimalStackGetsProductionDefaults() throws {
        let stack = try StackLoader.load(yaml: """
            stack: demo
            regions:
              - name: us-east-1
                cidr: 10.0.0.0/16
            """, file: "minimal.yaml")
        #expect(stack.regions[0].azCount == 3)
        #expect(stack.regions[0].nat == .perAZ)
        #expect(stack.services == Services())
        #expect(stack.dataPlane == DataPlaneConfig())
        #expect(stack.cloudFront.enabled == false)
        #expect(stack.primaryRegion == AWSRegion("us-east-1"))
        #expect(stack.homeRegion == AWSRegion("us-east-1"))
    }

    @Test func theHomeRegionIsReadAndLeadsTheOriginGroup() throws {
        let stack = try StackLoader.load(yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
              - name: ap-northeast-2
                cidr: 10.1.0.0/16
            app:
              homeRegion: ap-northeast-2
            """, file: "home.yaml")
        #expect(stack.homeRegion == AWSRegion("ap-northeast-2"))
        #expect(stack.primaryRegion == AWSRegion("ap-northeast-2"))
    }
}
