/// The checks that combine several values (which therefore cannot run while one key is
/// read): regions against each other, subnet fit, Fargate sizes, count and capacity bounds,
/// references to regions. Each check is skipped when one of its inputs already failed, so a
/// single mistake yields a single message.
struct StackValidator {
    let sink: DiagnosticSink

    func validate(_ decoded: StackDecoder.Result) {
        let stack = decoded.stack
        checkRegions(stack, paths: decoded.regionPaths)
        for service in stack.services.all {
            checkFargateSize(service, path: "services.\(service.name)")
            checkCounts(service, path: "services.\(service.name)")
        }
        checkACU(minACU: stack.dataPlane.aurora.minACU, maxACU: stack.dataPlane.aurora.maxACU, path: "dataPlane.aurora")
        for (region, path) in zip(stack.regions, decoded.regionPaths) {
            checkOverrides(of: region, in: stack, path: "\(path).overrides")
        }
        checkQueue(stack.dataPlane.queue)
        for (region, path) in zip(stack.regions, decoded.regionPaths) {
            checkConnectionBudget(stack, region: region, regionPath: path)
        }
        if !decoded.regionsIncomplete {
            checkRegionReferences(stack)
        }
        checkSeedSize(stack.databaseInit)
        checkOriginNames(stack)
        checkLocalCAs(stack.local)
        if stack.waf.enabled && !stack.cloudFront.enabled {
            sink.error("waf.enabled: the web ACL sits on the CloudFront distribution; set cloudFront.enabled too",
                       at: sink.location(of: "waf.enabled"))
        }
    }

    /// A local CA stands in for a server's CA: it needs the server it is for.
    private func checkLocalCAs(_ local: LocalConfig?) {
        guard let local else { return }
        if local.databaseCA != nil, local.databaseURL == nil {
            sink.error("local.databaseCA: the CA of the local PostgreSQL needs local.databaseURL",
                       at: sink.location(of: "local.databaseCA"))
        }
        if local.redisCA != nil, local.redisURL?.scheme != "rediss" {
            sink.error("local.redisCA: the CA of a TLS Redis needs a rediss:// local.redisURL",
                       at: sink.location(of: "local.redisCA"))
        }
    }

    /// CloudFront verifies an HTTPS origin's certificate against the origin's name, and an ALB's
    /// own `*.elb.amazonaws.com` name is on no certificate: HTTPS ALBs behind the distribution need
    /// `domain.name` (the origins become `origin-<region>.<name>`).
    private func checkOriginNames(_ stack: Stack) {
        if stack.cloudFront.enabled, stack.domain == nil, let region = stack.loadBalancer.certificateARNs.keys.sorted().first {
            let path = "alb.certificateArns"
            sink.error("\(path): CloudFront reaches an HTTPS ALB by a name on its certificate, not the ALB's own; "
                       + "set domain.name (the origin of \(region) becomes origin-\(region.shortName).<name>)",
                       at: sink.location(of: path))
        }
    }

    private func checkRegions(_ stack: Stack, paths: [String]) {
        var firstIndex: [AWSRegion: Int] = [:]
        for (index, region) in stack.regions.enumerated() {
            let path = paths[index]
            if let first = firstIndex[region.region] {
                sink.error("\(path).name: duplicate region '\(region.region)' (first listed at line "
                           + "\(sink.location(of: "\(paths[first]).name").line))", at: sink.location(of: "\(path).name"))
                continue
            }
            firstIndex[region.region] = index
            for other in 0..<index where stack.regions[other].region != region.region {
                let earlier = stack.regions[other]
                guard earlier.cidr.overlaps(region.cidr) else { continue }
                sink.error("\(path).cidr: \(region.cidr) overlaps \(earlier.cidr) of \(earlier.region) (line "
                           + "\(sink.location(of: "\(paths[other]).cidr").line)); regions that may be peered need "
                           + "disjoint ranges", at: sink.location(of: "\(path).cidr"))
            }
            guard !sink.anyFailed("\(path).azCount", "network.publicSubnetPrefix", "network.privateSubnetPrefix") else {
                continue
            }
            do {
                _ = try region.subnets(stack.network)
            } catch {
                sink.error("\(path).cidr: \(error)", at: sink.location(of: "\(path).cidr"))
            }
        }
    }

    private func checkFargateSize(_ service: ServiceConfig, path: String) {
        guard !sink.anyFailed("\(path).cpu", "\(path).memory"),
              !FargateSize.isValid(cpu: service.cpu, memory: service.memory) else { return }
        sink.error("\(path): cpu \(service.cpu) with memory \(service.memory) is not a Fargate task size; cpu "
                   + "\(service.cpu) allows memory \(FargateSize.describeMemory(forCPU: service.cpu))",
                   at: sink.location(of: "\(path).memory"))
    }

    /// minCount ≤ desiredCount ≤ maxCount, reported at the value that breaks it, or at `override`
    /// (the region override that produced the merged counts). `inputs` are where each count
    /// came from; a failed one skips the check.
    private func checkCounts(_ service: ServiceConfig, path: String, inputs: [String]? = nil,
                             override: SourceLocation? = nil) {
        let paths = inputs ?? ["minCount", "desiredCount", "maxCount"].map { "\(path).\($0)" }
        guard !paths.contains(where: sink.isFailed) else { return }
        if service.minCount > service.maxCount {
            sink.error("\(path): minCount \(service.minCount) is greater than maxCount \(service.maxCount)",
                       at: override ?? sink.location(of: paths[0]))
        } else if service.desiredCount < service.minCount {
            sink.error("\(path): desiredCount \(service.desiredCount) is less than minCount \(service.minCount)",
                       at: override ?? sink.location(of: paths[1]))
        } else if service.desiredCount > service.maxCount {
            sink.error("\(path): desiredCount \(service.desiredCount) is greater than maxCount \(service.maxCount)",
                       at: override ?? sink.location(of: paths[1]))
        }
    }

    private func checkACU(minACU: Double, maxACU: Double, path: String, inputs: [String]? = nil,
                          override: SourceLocation? = nil) {
        let paths = inputs ?? ["\(path).minACU", "\(path).maxACU"]
        guard !paths.contains(where: sink.isFailed) else { return }
        if minACU > maxACU {
            sink.error("\(path): minACU \(AuroraConfig.formatACU(minACU)) is greater than maxACU "
                       + "\(AuroraConfig.formatACU(maxACU))", at: override ?? sink.location(of: paths[0]))
        } else if maxACU < 1 {
            sink.error("\(path): maxACU must be at least 1, got \(AuroraConfig.formatACU(maxACU))",
                       at: override ?? sink.location(of: paths[1]))
        }
    }

    /// A region's overrides are checked merged with the stack-wide values they modify, and
    /// reported at the override when it is what breaks the rule.
    private func checkOverrides(of region: RegionConfig, in stack: Stack, path: String) {
        for (name, override) in region.overrides.services {
            let overridePath = "\(path).services.\(name)"
            let locations = [("minCount", override.minCount), ("desiredCount", override.desiredCount),
                             ("maxCount", override.maxCount)].map { key, value in
                value == nil ? "services.\(name).\(key)" : "\(overridePath).\(key)"
            }
            checkCounts(stack.service(name, in: region.region), path: overridePath, inputs: locations,
                        override: sink.location(of: overridePath))
        }
        let overrides = region.overrides
        if overrides.auroraMinACU != nil || overrides.auroraMaxACU != nil {
            let aurora = stack.aurora(in: region.region)
            checkACU(minACU: aurora.minACU, maxACU: aurora.maxACU, path: "\(path).aurora", inputs: [
                overrides.auroraMinACU == nil ? "dataPlane.aurora.minACU" : "\(path).aurora.minACU",
                overrides.auroraMaxACU == nil ? "dataPlane.aurora.maxACU" : "\(path).aurora.maxACU",
            ], override: sink.location(of: "\(path).aurora"))
        }
    }

    /// Every task of every service at maxCount, each with its full pool, must fit in what the
    /// Aurora writer accepts at maxACU (less PostgreSQL's superuser reserve): otherwise a scale-out
    /// under load ends in "too many clients" exactly when capacity is needed.
    private func checkConnectionBudget(_ stack: Stack, region: RegionConfig, regionPath: String) {
        let aurora = stack.aurora(in: region.region)
        let services = ServiceName.allCases.map { stack.service($0, in: region.region) }
        let countPaths = ServiceName.allCases.map { name in
            region.overrides.services[name]?.maxCount == nil
                ? "services.\(name).maxCount" : "\(regionPath).overrides.services.\(name).maxCount"
        }
        let acuPaths = [
            region.overrides.auroraMinACU == nil ? "dataPlane.aurora.minACU" : "\(regionPath).overrides.aurora.minACU",
            region.overrides.auroraMaxACU == nil ? "dataPlane.aurora.maxACU" : "\(regionPath).overrides.aurora.maxACU",
        ]
        let poolPath = "dataPlane.aurora.connectionsPerTask"
        guard !(countPaths + acuPaths + [poolPath]).contains(where: sink.isFailed), aurora.minACU <= aurora.maxACU else {
            return
        }
        let tasks = services.reduce(0) { $0 + $1.maxCount }
        let wanted = tasks * aurora.connectionsPerTask
        let maxConnections = AuroraConnectionLimit.maxConnections(minACU: aurora.minACU, maxACU: aurora.maxACU)
        let accepted = maxConnections - AuroraConnectionLimit.superuserReserve
        if aurora.proxy.enabled {
            checkProxyShare(aurora.proxy, maxConnections: maxConnections, accepted: accepted, region: region.region,
                            acuPaths: acuPaths)
            return
        }
        guard wanted > accepted else { return }
        let counts = zip(services, countPaths).map { service, path in
            "\(path) \(service.maxCount) (line \(sink.location(of: path).line))"
        }.joined(separator: " + ")
        let acu = "minACU \(AuroraConfig.formatACU(aurora.minACU)) (line \(sink.location(of: acuPaths[0]).line)), "
            + "maxACU \(AuroraConfig.formatACU(aurora.maxACU)) (line \(sink.location(of: acuPaths[1]).line))"
        sink.error("\(poolPath): \(aurora.connectionsPerTask) connections per task × \(tasks) tasks at maxCount "
                   + "(\(counts)) = \(wanted) connections in \(region.region), more than the \(accepted) the Aurora "
                   + "writer accepts at \(acu); lower connectionsPerTask or maxCount, or raise the ACU range "
                   + "(max_connections by max ACU: README, Capacity)", at: sink.location(of: poolPath))
    }

    /// With an RDS Proxy the pools are the proxy's clients: the database sees at most the proxy's
    /// MaxConnectionsPercent of max_connections, whatever pools × tasks is (RDS Proxy queues
    /// borrows beyond its pool for ConnectionBorrowTimeout; AWS lists no client-connection quota
    /// per proxy). That share must still leave PostgreSQL's superuser reserve free.
    private func checkProxyShare(_ proxy: AuroraProxyConfig, maxConnections: Int, accepted: Int, region: AWSRegion,
                                 acuPaths: [String]) {
        let path = "dataPlane.aurora.proxy.maxConnectionsPercent"
        guard !sink.isFailed(path) else { return }
        let share = proxy.databaseConnections(of: maxConnections)
        guard share > accepted else { return }
        sink.error("\(path): \(proxy.maxConnectionsPercent) % of the \(maxConnections) max_connections of the Aurora "
                   + "writer in \(region) (maxACU line \(sink.location(of: acuPaths[1]).line)) = \(share) proxy "
                   + "connections, more than the \(accepted) left after PostgreSQL's superuser reserve; lower "
                   + "maxConnectionsPercent", at: sink.location(of: path))
    }

    private func checkQueue(_ queue: CommitQueueConfig) {
        let path = "dataPlane.queue"
        guard !sink.anyFailed("\(path).messageRetentionSeconds", "\(path).deadLetterRetentionSeconds"),
              queue.deadLetterRetentionSeconds < queue.messageRetentionSeconds else { return }
        sink.error("\(path): deadLetterRetentionSeconds \(queue.deadLetterRetentionSeconds) is shorter than "
                   + "messageRetentionSeconds \(queue.messageRetentionSeconds), so dead-lettered messages could "
                   + "expire on arrival", at: sink.location(of: "\(path).deadLetterRetentionSeconds"))
    }

    /// Regions named outside `regions` must be among them.
    private func checkRegionReferences(_ stack: Stack) {
        let names = stack.regions.map(\.region)
        let listed = names.map(\.name).joined(separator: ", ")
        for region in stack.loadBalancer.certificateARNs.keys.sorted() where !names.contains(region) {
            let path = "alb.certificateArns.\(region)"
            sink.error("\(path): \(region) is not one of the stack's regions (\(listed))", at: sink.location(of: path))
        }
        if let home = stack.app.homeRegion, !names.contains(home) {
            let path = "app.homeRegion"
            sink.error("\(path): \(home) is not one of the stack's regions (\(listed))", at: sink.location(of: path))
            return
        }
        if let primary = stack.cloudFront.primaryRegion, !names.contains(primary) {
            let path = "cloudFront.primaryRegion"
            sink.error("\(path): \(primary) is not one of the stack's regions (\(listed))", at: sink.location(of: path))
        } else if let primary = stack.cloudFront.primaryRegion, primary != stack.homeRegion {
            // Only the home region's stores see the sales: reads served first from another
            // region would show every seat unsold.
            let path = "cloudFront.primaryRegion"
            let home = stack.app.homeRegion == nil ? "\(stack.homeRegion) (the first region)" : "\(stack.homeRegion)"
            sink.error("\(path): \(primary) differs from app.homeRegion \(home); reads must come first from the "
                       + "region that sells, whose stores hold the sales", at: sink.location(of: path))
        }
    }

    private func checkSeedSize(_ seed: DatabaseInitConfig) {
        let path = "dbInit"
        guard !sink.anyFailed("\(path).events", "\(path).sectionsPerEvent", "\(path).seatsPerSection"),
              seed.totalSeats > DatabaseInitConfig.maxTotalSeats else { return }
        sink.error("\(path): \(seed.events) events × \(seed.sectionsPerEvent) sections × \(seed.seatsPerSection) "
                   + "seats is \(seed.totalSeats) seats, more than the \(DatabaseInitConfig.maxTotalSeats) allowed",
                   at: sink.location(of: "\(path).seatsPerSection"))
    }
}
