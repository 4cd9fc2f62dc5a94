import Testing
@testable import Stack

/// Every kind of mistake the validator catches, each with the exact `file:line: message` lines.
@Suite struct BadStackFileTests {
    static let cases: [BadStackFileCase] = [
        BadStackFileCase(name: "WAF without CloudFront, a rate limit out of range, an unknown WAF key", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            waf:
              enabled: true
              rateLimits:
                enter: 5
                holds: 100
            """, expected: [
                "bad.yaml:6: waf.enabled: the web ACL sits on the CloudFront distribution; set cloudFront.enabled too",
                "bad.yaml:8: waf.rateLimits.enter: must be between 10 and 2000000000, got 5",
                "bad.yaml:9: unknown key 'holds' in waf.rateLimits; did you mean 'hold'?",
            ]),
        BadStackFileCase(name: "ALB access logs: a prefix ELB refuses, retention out of range, a wrong type, an unknown key", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            alb:
              accessLogs:
                enabled: sure
                prefix: logs/AWSLogs
                retentionDays: 0
                retention: 90
            """, expected: [
                "bad.yaml:7: alb.accessLogs.enabled: expected true or false, got 'sure'",
                "bad.yaml:8: alb.accessLogs.prefix: must not contain 'AWSLogs' (ELB adds AWSLogs/<account>/… itself)",
                "bad.yaml:9: alb.accessLogs.retentionDays: must be between 1 and 3650, got 0",
                "bad.yaml:10: unknown key 'retention' in alb.accessLogs",
            ]),
        BadStackFileCase(name: "ALB access logs: a prefix with a leading slash", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            alb:
              accessLogs: {prefix: /logs}
            """, expected: [
                "bad.yaml:6: alb.accessLogs.prefix: must not start or end with '/'",
            ]),
        BadStackFileCase(name: "unknown top-level key with suggestion", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            servces: {}
            """, expected: [
                "bad.yaml:5: unknown key 'servces' at top level; did you mean 'services'?",
            ]),
        BadStackFileCase(name: "unknown nested keys, with and without suggestion", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
                az_count: 3
            services:
              public-api:
                cpus: 1024
                colour: blue
            """, expected: [
                "bad.yaml:5: unknown key 'az_count' in regions[0]; did you mean 'azCount'?",
                "bad.yaml:8: unknown key 'cpus' in services.public-api; did you mean 'cpu'?",
                "bad.yaml:9: unknown key 'colour' in services.public-api",
            ]),
        BadStackFileCase(name: "unknown service name", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            services:
              public_api: {}
            """, expected: [
                "bad.yaml:6: unknown key 'public_api' in services; did you mean 'public-api'?",
            ]),
        BadStackFileCase(name: "wrong types", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
                azCount: three
            ecr:
              scanOnPush: yes
              keepLastImages: "10"
            services: [public-api]
            """, expected: [
                "bad.yaml:5: regions[0].azCount: expected an integer, got 'three'",
                "bad.yaml:7: ecr.scanOnPush: expected true or false, got 'yes'",
                "bad.yaml:8: ecr.keepLastImages: expected an integer, got '10'",
                "bad.yaml:9: services: expected a mapping, got a list",
            ]),
        BadStackFileCase(name: "missing required keys", yaml: """
            regions:
              - name: ap-northeast-1
              - cidr: 10.1.0.0/16
            """, expected: [
                "bad.yaml:1: top level: missing required key 'stack'",
                "bad.yaml:2: regions[0]: missing required key 'cidr'",
                "bad.yaml:3: regions[1]: missing required key 'name'",
            ]),
        BadStackFileCase(name: "required key without a value, empty region list", yaml: """
            stack:
            regions: []
            """, expected: [
                "bad.yaml:1: stack: needs a value",
                "bad.yaml:2: regions: list at least one region",
            ]),
        BadStackFileCase(name: "bad region names", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-9
                cidr: 10.0.0.0/16
              - name: mars-central-1
                cidr: 10.1.0.0/16
            """, expected: [
                "bad.yaml:3: regions[0].name: unknown AWS region 'ap-northeast-9'; did you mean 'ap-northeast-1'?",
                "bad.yaml:5: regions[1].name: unknown AWS region 'mars-central-1'",
            ]),
        BadStackFileCase(name: "invalid CIDRs", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/33
              - name: ap-northeast-2
                cidr: 10.1.2.0/16
              - name: us-east-1
                cidr: 10.0.0.0/8
              - name: us-west-2
                cidr: 10.01.0.0/16
            """, expected: [
                "bad.yaml:4: regions[0].cidr: '10.0.0.0/33' is not an IPv4 CIDR (a.b.c.d/n)",
                "bad.yaml:6: regions[1].cidr: 10.1.2.0/16 has host bits set; did you mean 10.1.0.0/16?",
                "bad.yaml:8: regions[2].cidr: a VPC CIDR must be between /16 and /28, got /8",
                "bad.yaml:10: regions[3].cidr: '10.01.0.0/16' is not an IPv4 CIDR (a.b.c.d/n)",
            ]),
        BadStackFileCase(name: "overlapping CIDRs between regions", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.10.0.0/16
              - name: ap-northeast-2
                cidr: 10.10.128.0/17
              - name: us-east-1
                cidr: 10.20.0.0/16
            """, expected: [
                "bad.yaml:6: regions[1].cidr: 10.10.128.0/17 overlaps 10.10.0.0/16 of ap-northeast-1 (line 4); "
                    + "regions that may be peered need disjoint ranges",
            ]),
        BadStackFileCase(name: "subnets that do not fit the VPC", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/19
              - name: ap-northeast-2
                cidr: 10.1.0.0/22
                azCount: 2
            network:
              privateSubnetPrefix: 20
            """, expected: [
                "bad.yaml:4: regions[0].cidr: 3 AZs of one public /24 and one private /20 subnet need 13056 "
                    + "addresses, but 10.0.0.0/19 has 8192",
                "bad.yaml:6: regions[1].cidr: a /20 subnet cannot be carved from 10.1.0.0/22",
            ]),
        BadStackFileCase(name: "AZ count out of range", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
                azCount: 1
              - name: ap-northeast-2
                cidr: 10.1.0.0/16
                azCount: 7
            """, expected: [
                "bad.yaml:5: regions[0].azCount: must be between 2 and 6 (an ALB and an Aurora subnet group "
                    + "need two AZs), got 1",
                "bad.yaml:8: regions[1].azCount: must be between 2 and 6 (an ALB and an Aurora subnet group "
                    + "need two AZs), got 7",
            ]),
        BadStackFileCase(name: "Fargate sizes", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            services:
              public-api:
                cpu: 256
                memory: 4096
              confirm-api:
                cpu: 300
                memory: 1024
              confirm-worker:
                cpu: 2048
                memory: 3072
            """, expected: [
                "bad.yaml:8: services.public-api: cpu 256 with memory 4096 is not a Fargate task size; "
                    + "cpu 256 allows memory 512, 1024, 2048",
                "bad.yaml:10: services.confirm-api.cpu: 300 is not a Fargate cpu value; "
                    + "use one of 256, 512, 1024, 2048, 4096, 8192, 16384",
                "bad.yaml:14: services.confirm-worker: cpu 2048 with memory 3072 is not a Fargate task size; "
                    + "cpu 2048 allows memory 4096–16384 in steps of 1024",
            ]),
        BadStackFileCase(name: "task counts out of order", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            services:
              public-api:
                desiredCount: 1
                minCount: 2
                maxCount: 10
              confirm-api:
                minCount: 5
                maxCount: 3
              confirm-worker:
                desiredCount: 30
            """, expected: [
                "bad.yaml:7: services.public-api: desiredCount 1 is less than minCount 2",
                "bad.yaml:11: services.confirm-api: minCount 5 is greater than maxCount 3",
                "bad.yaml:14: services.confirm-worker: desiredCount 30 is greater than maxCount 20",
            ]),
        BadStackFileCase(name: "duplicate regions", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
              - name: ap-northeast-1
                cidr: 10.1.0.0/16
            """, expected: [
                "bad.yaml:5: regions[1].name: duplicate region 'ap-northeast-1' (first listed at line 3)",
            ]),
        BadStackFileCase(name: "ports and a worker port", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            services:
              public-api:
                port: 70000
              confirm-api:
                port: 0
              confirm-worker:
                port: 8080
                healthPath: /health
            """, expected: [
                "bad.yaml:7: services.public-api.port: must be between 1 and 65535, got 70000",
                "bad.yaml:9: services.confirm-api.port: must be between 1 and 65535, got 0",
                "bad.yaml:11: services.confirm-worker.port: confirm-worker takes no traffic, so it has no port",
                "bad.yaml:12: services.confirm-worker.healthPath: confirm-worker takes no traffic, so it has no "
                    + "load balancer health check path",
            ]),
        BadStackFileCase(name: "Aurora capacity", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
                overrides:
                  aurora: { minACU: 0.3 }
              - name: ap-northeast-2
                cidr: 10.1.0.0/16
                overrides:
                  aurora: { maxACU: 2 }
            dataPlane:
              aurora:
                minACU: 8
                maxACU: 300
            """, expected: [
                "bad.yaml:6: regions[0].overrides.aurora.minACU: must be between 0 and 256 in steps of 0.5, got 0.3",
                "bad.yaml:10: regions[1].overrides.aurora: minACU 8 is greater than maxACU 2",
                "bad.yaml:14: dataPlane.aurora.maxACU: must be between 0 and 256 in steps of 0.5, got 300",
            ]),
        BadStackFileCase(name: "Aurora min above max, max below one", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
                overrides:
                  aurora: { maxACU: 0.5 }
            dataPlane:
              aurora:
                minACU: 16
                maxACU: 4
            """, expected: [
                "bad.yaml:6: regions[0].overrides.aurora: minACU 16 is greater than maxACU 0.5",
                "bad.yaml:9: dataPlane.aurora: minACU 16 is greater than maxACU 4",
            ]),
        BadStackFileCase(name: "Redis node type", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
                overrides:
                  redis: { nodeType: cache.large }
            dataPlane:
              redis:
                nodeType: r7g.large
                replicas: 6
            """, expected: [
                "bad.yaml:6: regions[0].overrides.redis.nodeType: 'cache.large' is not an ElastiCache node type "
                    + "(cache.<family>.<size>, e.g. cache.r7g.large)",
                "bad.yaml:9: dataPlane.redis.nodeType: 'r7g.large' is not an ElastiCache node type "
                    + "(cache.<family>.<size>, e.g. cache.r7g.large)",
                "bad.yaml:10: dataPlane.redis.replicas: must be between 0 and 5, got 6",
            ]),
        BadStackFileCase(name: "stack name format", yaml: """
            stack: Max_TPS
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            """, expected: [
                "bad.yaml:1: stack: 'Max_TPS' is not a valid stack name: use 2–20 lowercase letters, digits and "
                    + "single hyphens, starting with a letter and not ending with a hyphen",
            ]),
        BadStackFileCase(name: "stack name too long", yaml: """
            stack: a-very-long-stack-name-indeed
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            """, expected: [
                "bad.yaml:1: stack: 'a-very-long-stack-name-indeed' is not a valid stack name: use 2–20 lowercase "
                    + "letters, digits and single hyphens, starting with a letter and not ending with a hyphen",
            ]),
        BadStackFileCase(name: "region overrides checked against the merged counts", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
                overrides:
                  services:
                    public-api: { maxCount: 1 }
                    confirm-worker: { desiredCount: 50, maxCount: 40 }
                    worker: {}
            """, expected: [
                "bad.yaml:7: regions[0].overrides.services.public-api: minCount 2 is greater than maxCount 1",
                "bad.yaml:8: regions[0].overrides.services.confirm-worker: desiredCount 50 is greater than maxCount 40",
                "bad.yaml:9: unknown key 'worker' in regions[0].overrides.services",
            ]),
        BadStackFileCase(name: "environment extras, tags and enums", yaml: """
            stack: demo
            tags:
              tps:stack: other
              Name: x
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
                nat: per_az
            services:
              public-api:
                env:
                  REDIS_HOST: elsewhere
                  log-level: debug
            cloudFront:
              priceClass: PriceClass_300
            logs:
              retentionDays: 10
            """, expected: [
                "bad.yaml:3: tags.tps:stack: tag keys starting with 'tps:' are set by tpsctl",
                "bad.yaml:4: tags.Name: the 'Name' tag is set by tpsctl to the resource's name",
                "bad.yaml:8: regions[0].nat: 'per_az' is not one of per-az, single; did you mean 'per-az'?",
                "bad.yaml:12: services.public-api.env.REDIS_HOST: 'REDIS_HOST' is set by tpsctl from the stack's "
                    + "outputs and cannot be overridden",
                "bad.yaml:13: services.public-api.env.log-level: 'log-level' is not an environment variable name "
                    + "(A-Z, 0-9 and _, not starting with a digit)",
                "bad.yaml:15: cloudFront.priceClass: 'PriceClass_300' is not one of PriceClass_100, PriceClass_200, "
                    + "PriceClass_All; did you mean 'PriceClass_100'?",
                "bad.yaml:17: logs.retentionDays: CloudWatch Logs does not accept 10 days; use one of 1, 3, 5, 7, 14, "
                    + "30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
            ]),
        BadStackFileCase(name: "region references and certificates", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            alb:
              certificateArns:
                ap-northeast-1: arn:aws:acm:us-east-1:123456789012:certificate/abc
                us-east-1: arn:aws:acm:us-east-1:123456789012:certificate/def
                eu-mars-1: arn:aws:acm:eu-mars-1:123456789012:certificate/ghi
            cloudFront:
              primaryRegion: ap-northeast-2
            """, expected: [
                "bad.yaml:7: alb.certificateArns.ap-northeast-1: the certificate is in us-east-1, but an ALB in "
                    + "ap-northeast-1 needs one from ap-northeast-1",
                "bad.yaml:8: alb.certificateArns.us-east-1: us-east-1 is not one of the stack's regions (ap-northeast-1)",
                "bad.yaml:9: alb.certificateArns.eu-mars-1: unknown AWS region 'eu-mars-1'",
                "bad.yaml:11: cloudFront.primaryRegion: ap-northeast-2 is not one of the stack's regions (ap-northeast-1)",
            ]),
        BadStackFileCase(name: "HTTPS ALBs behind CloudFront without a domain; a bad domain", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            alb:
              certificateArns:
                ap-northeast-1: arn:aws:acm:ap-northeast-1:123456789012:certificate/abc
            cloudFront:
              enabled: true
            """, expected: [
                "bad.yaml:7: alb.certificateArns: CloudFront reaches an HTTPS ALB by a name on its certificate, not the "
                    + "ALB's own; set domain.name (the origin of ap-northeast-1 becomes origin-apne1.<name>)",
            ]),
        BadStackFileCase(name: "domain name and hosted zone", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            domain:
              name: Tickets.example.com
              hostedZoneId: z123
            """, expected: [
                "bad.yaml:6: domain.name: 'Tickets.example.com' is not a DNS name (lowercase labels of letters, digits "
                    + "and hyphens, at least two)",
                "bad.yaml:7: domain.hostedZoneId: 'z123' is not a Route 53 hosted zone id (uppercase letters and "
                    + "digits, e.g. Z0123456789ABC)",
            ]),
        BadStackFileCase(name: "home region not among the regions, unknown", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            app:
              homeRegion: ap-northeast-2
            """, expected: [
                "bad.yaml:6: app.homeRegion: ap-northeast-2 is not one of the stack's regions (ap-northeast-1)",
            ]),
        BadStackFileCase(name: "home region misspelt", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            app:
              homeRegion: ap-northeast-9
            """, expected: [
                "bad.yaml:6: app.homeRegion: unknown AWS region 'ap-northeast-9'; did you mean 'ap-northeast-1'?",
            ]),
        BadStackFileCase(name: "origin-group primary other than the home region", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
              - name: ap-northeast-2
                cidr: 10.1.0.0/16
            cloudFront:
              primaryRegion: ap-northeast-2
            """, expected: [
                "bad.yaml:8: cloudFront.primaryRegion: ap-northeast-2 differs from app.homeRegion ap-northeast-1 "
                    + "(the first region); reads must come first from the region that sells, whose stores hold the sales",
            ]),
        BadStackFileCase(name: "queue retention and local URLs", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            dataPlane:
              queue:
                receiveWaitTimeSeconds: 25
                messageRetentionSeconds: 345600
                deadLetterRetentionSeconds: 86400
            local:
              databaseURL: mysql://root:hunter2@db/x
            """, expected: [
                "bad.yaml:7: dataPlane.queue.receiveWaitTimeSeconds: must be between 0 and 20, got 25",
                "bad.yaml:9: dataPlane.queue: deadLetterRetentionSeconds 86400 is shorter than messageRetentionSeconds "
                    + "345600, so dead-lettered messages could expire on arrival",
                "bad.yaml:11: local: missing required key 'endpointURL'",
                "bad.yaml:11: local.databaseURL: expected a URL with a host, starting with postgres:// or postgresql://",
            ]),
        BadStackFileCase(name: "seat-lock hold rate out of range", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            dataPlane:
              seatLocks:
                expectedHoldsPerSecond: 0
            """, expected: [
                "bad.yaml:7: dataPlane.seatLocks.expectedHoldsPerSecond: must be between 1 and 200000, got 0",
            ]),
        BadStackFileCase(name: "seed data too large, bad currency", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            dbInit:
              events: 100
              sectionsPerEvent: 99
              seatsPerSection: 1000
              currency: krw
              migrateCommand: []
            """, expected: [
                "bad.yaml:8: dbInit: 100 events × 99 sections × 1000 seats is 9900000 seats, more than the 5000000 allowed",
                "bad.yaml:9: dbInit.currency: 'krw' is not an ISO 4217 currency code (three capital letters, e.g. KRW)",
                "bad.yaml:10: dbInit.migrateCommand: must name a command",
            ]),
        BadStackFileCase(name: "duplicate keys", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
                cidr: 10.1.0.0/16
            stack: other
            """, expected: [
                "bad.yaml:5: regions[0].cidr: duplicate key (first at line 4)",
                "bad.yaml:6: stack: duplicate key (first at line 1)",
            ]),
        BadStackFileCase(name: "YAML syntax error", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: [10.0.0.0/16
            """, expected: [
                "bad.yaml:5: invalid YAML: while parsing a flow sequence (line 4), did not find expected ',' or ']'",
            ]),
        BadStackFileCase(name: "not a mapping at all", yaml: """
            - stack: demo
            """, expected: [
                "bad.yaml:1: top level: expected a mapping, got a list",
            ]),
        BadStackFileCase(name: "empty file", yaml: "", expected: [
            "bad.yaml:1: the stack file is empty",
        ]),
        BadStackFileCase(name: "worker scaling keys on an API and vice versa", yaml: """
            stack: demo
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
            services:
              public-api:
                autoscaling:
                  messagesPerTask: 10
                  cpuTargetPercent: 99
              confirm-worker:
                autoscaling:
                  requestsPerTarget: 800
            """, expected: [
                "bad.yaml:8: services.public-api.autoscaling.messagesPerTask: queue-based scaling applies only to "
                    + "confirm-worker",
                "bad.yaml:9: services.public-api.autoscaling.cpuTargetPercent: must be between 10 and 95, got 99",
                "bad.yaml:12: services.confirm-worker.autoscaling.requestsPerTarget: confirm-worker is not behind the "
                    + "load balancer; request and latency scaling apply only to the APIs",
            ]),
    ]

    @Test(arguments: cases)
    func reportsExactlyTheseDiagnostics(_ badCase: BadStackFileCase) {
        #expect(throws: StackValidationError.self) {
            _ = try StackLoader.load(yaml: badCase.yaml, file: "bad.yaml")
        }
        do {
            _ = try StackLoader.load(yaml: badCase.yaml, file: "bad.yaml")
        } catch {
            #expect(error.description.split(separator: "\n").map(String.init) == badCase.expected)
        }
    }

    @Test func allErrorsOfAFileAreReportedSortedByLine() {
        let yaml = """
            stack: Bad Name
            regions:
              - name: ap-northeast-1
                cidr: 10.0.0.0/16
                azCount: 9
            services:
              confirm-worker:
                memory: lots
            unknownThing: 1
            """
        do {
            _ = try StackLoader.load(yaml: yaml, file: "stacks/x.yaml")
            Issue.record("a bad file loaded")
        } catch {
            #expect(error.diagnostics.map(\.line) == [1, 5, 8, 9])
            #expect(error.diagnostics.allSatisfy { $0.file == "stacks/x.yaml" })
            #expect(error.diagnostics[2] == Diagnostic(
                file: "stacks/x.yaml", line: 8, column: 13,
                message: "services.confirm-worker.memory: expected an integer, got 'lots'"))
        }
    }

    @Test func errorsNameTheFileAsGivenAndMissingFilesAreOneLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tps-stack-\(UInt64.random(in: 0...UInt64.max)).yaml").path
        try "stack: x\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try StackLoader.load(path: path)
            Issue.record("a bad file loaded")
        } catch {
            #expect(error.description == """
                \(path):1: top level: missing required key 'regions'
                \(path):1: stack: 'x' is not a valid stack name: use 2–20 lowercase letters, digits and single \
                hyphens, starting with a letter and not ending with a hyphen
                """)
        }
        do {
            _ = try StackLoader.load(path: path + ".missing")
            Issue.record("a missing file loaded")
        } catch {
            #expect(error.description == "\(path).missing:1: cannot read the stack file: no such file")
        }
    }

    @Test func secretsInURLsNeverReachErrors() {
        do {
            _ = try StackLoader.load(yaml: """
                stack: demo
                regions:
                  - name: ap-northeast-1
                    cidr: 10.0.0.0/16
                local:
                  endpointURL: ftp://user:s3cr3t@host
                """, file: "bad.yaml")
            Issue.record("a bad file loaded")
        } catch {
            #expect(!error.description.contains("s3cr3t"))
            #expect(error.description == "bad.yaml:6: local.endpointURL: expected a URL with a host, starting with http:// or https://")
        }
    }
}

import Foundation
