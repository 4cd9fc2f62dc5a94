import AWSClient
import FoundationEssentials
import Logging
import NIOCore
import NIOPosix
import Stack

/// The local data plane of Application Load Balancers: for each load balancer of the served
/// stack in each served region, its HTTP listeners serve at the load balancer's loopback
/// address (``LocalLoadBalancerAddress``), routing by its rules to the healthy targets of its
/// target groups; the groups' health checks run here, the figures go to CloudWatch
/// every minute, and, where `access_logs.s3.enabled`, each request's access-log line goes to the
/// load balancer's bucket every `accessLogInterval` (and when the plane stops or the load
/// balancer goes). Configuration comes from polling ELBv2, so it follows every change without a
/// restart; a deleted load balancer stops being served.
///
/// The request path never touches this actor: listeners read an immutable snapshot that the
/// poll replaces, and pools and metrics take one short lock each per request.
public actor LoadBalancerPlane {
    public struct Settings: Sendable {
        public var regions: [String]
        /// Load balancers whose name starts with this (the stack's name and a dash).
        public var namePrefix: String
        public var pollInterval: Duration = .seconds(1)
        public var metricsInterval: Duration = .seconds(60)
        /// How often each load balancer's access log is delivered (ELB: every 5 minutes).
        public var accessLogInterval: Duration = .seconds(300)
        /// Records a load balancer keeps between deliveries; more are dropped and reported.
        public var accessLogCapacity = 200_000

        public init(regions: [String], namePrefix: String) {
            self.regions = regions
            self.namePrefix = namePrefix
        }
    }

    /// A load balancer being served: its address, figures and bound listeners.
    struct Served {
        let region: String
        let arn: String
        let arnSuffix: String
        let address: LocalLoadBalancerAddress
        let metrics = LoadBalancerMetrics()
        let accessLog: AccessLogBuffer
        /// Where its access log last went; kept after they are turned off, for the records left.
        var accessLogDestination: AccessLogDestination?
        var listeners: [String: (port: Int, channel: any Channel, configuration: ListenerConfiguration)] = [:]
    }

    let settings: Settings
    let clients: [String: AWSClient]
    let logger: Logger
    let group: any EventLoopGroup
    private let registry = TargetConnectionRegistry()
    private var served: [String: Served] = [:]
    private var pools: [String: (pool: TargetPool, checks: Task<Void, Never>)] = [:]
    /// Listeners it cannot serve, logged once each.
    private var skipped: Set<String> = []
    /// Reports target health to the local AWS (nil: the client has no explicit endpoint).
    private let reporter: TargetHealthReporter?
    /// What was last reported per target group, so only changes are sent.
    private var reported: [String: [String: TargetHealthState.Status]] = [:]
    /// Access-log records refused because a buffer was full, by load balancer ARN, since start.
    private var droppedAccessLogRecords: [String: Int] = [:]

    public init(settings: Settings, client: AWSClient, logger: Logger, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        var clients: [String: AWSClient] = [:]
        for region in settings.regions { clients[region] = client.withRegion(region) }
        self.clients = clients
        self.logger = logger
        self.group = group
        reporter = client.endpoints.explicitURL.map { TargetHealthReporter(endpoint: $0, namePrefix: settings.namePrefix) }
    }

    /// Polls until cancelled, then publishes the last figures and closes every listener.
    public func run() async throws {
        let publishing = Task { await self.publishMetricsEvery() }
        let delivering = Task { await self.deliverAccessLogsEvery() }
        defer {
            publishing.cancel()
            delivering.cancel()
        }
        for region in settings.regions {
            do { try await reporter?.attach(region: region) } catch {
                logger.warning("target health in \(region) not reported to the local AWS: \(error)")
            }
        }
        while !Task.isCancelled {
            for region in settings.regions {
                do { try await poll(region) } catch {
                    logger.warning("load balancers in \(region): \(error)")
                }
            }
            try? await Task.sleep(for: settings.pollInterval)
        }
        publishing.cancel()
        delivering.cancel()
        await publishMetrics()
        // The last delivery must outlive the cancellation that stopped the plane (a cancelled
        // task's HTTP requests are cancelled): a task of its own, awaited.
        await Task { await self.deliverAccessLogs() }.value
        for region in settings.regions { await reporter?.detach(region: region) }
        await shutDown()
    }

    /// `http://<address>:<port>` of each served listener, by load balancer ARN.
    public func urls() -> [String: [String]] {
        served.mapValues { balancer in balancer.listeners.values.map { balancer.address.url(port: $0.port) }.sorted() }
    }

    /// Each target group's registered targets and their health, by group ARN (what
    /// DescribeTargetHealth would answer if the local AWS asked).
    public func targetStatuses() -> [String: [String: TargetHealthState.Status]] {
        pools.mapValues(\.pool.statuses)
    }

    public func shutDown() async {
        for balancer in served.values {
            for listener in balancer.listeners.values { await Self.stop(listener) }
        }
        served.removeAll()
        for entry in pools.values { entry.checks.cancel() }
        pools.removeAll()
    }

    // MARK: - Discovery

    private func poll(_ region: String) async throws {
        guard let client = clients[region] else { return }
        let found = try await LoadBalancerDiscovery(elb: ElasticLoadBalancingV2(client: client), namePrefix: settings.namePrefix).discover()
        for entry in found.targetGroups.values { pool(for: entry.group).update(group: entry.group, registered: entry.targets) }
        await reportHealth(of: Array(found.targetGroups.keys))
        var present: Set<String> = []
        for balancer in found.balancers {
            present.insert(balancer.balancer.arn)
            try await serve(balancer, region: region, targetGroups: found.targetGroups)
        }
        for (arn, balancer) in served where balancer.region == region && !present.contains(arn) {
            logger.info("load balancer \(balancer.arnSuffix) is gone; no longer served at \(balancer.address)")
            for listener in balancer.listeners.values { await Self.stop(listener) }
            served[arn] = nil
            await deliverAccessLog(of: balancer)
        }
        let referenced = Set(served.values.flatMap { $0.listeners.values.flatMap { $0.configuration.snapshot.routes.targetGroupArns } })
        for (arn, entry) in pools where !referenced.contains(arn) && found.targetGroups[arn] == nil {
            entry.checks.cancel()
            pools[arn] = nil
        }
    }

    /// Sends each group's target health whose statuses changed since the last report.
    private func reportHealth(of groups: [String]) async {
        guard let reporter else { return }
        for arn in groups {
            guard let pool = pools[arn]?.pool else { continue }
            let statuses = pool.statuses
            guard reported[arn] != statuses else { continue }
            do {
                try await reporter.report(group: arn, health: pool.health)
                reported[arn] = statuses
            } catch {
                logger.warning("target health of \(pool.arn) not reported to the local AWS: \(error)")
            }
        }
    }

    private func pool(for group: ElasticLoadBalancingV2.TargetGroup) -> TargetPool {
        if let known = pools[group.arn] { return known.pool }
        let pool = TargetPool(group: group)
        let checker = TargetHealthChecker(pool: pool, logger: logger)
        pools[group.arn] = (pool, Task { await checker.run() })
        return pool
    }

    private func serve(_ found: LoadBalancerDiscovery.Found, region: String,
                       targetGroups: [String: (group: ElasticLoadBalancingV2.TargetGroup, targets: [TargetEndpoint])]) async throws {
        let arn = found.balancer.arn
        var balancer = served[arn] ?? Served(region: region, arn: arn, arnSuffix: found.balancer.arnSuffix,
                                             address: LocalLoadBalancerAddress(loadBalancerArn: arn),
                                             accessLog: AccessLogBuffer(capacity: settings.accessLogCapacity))
        if let destination = found.accessLogs { balancer.accessLogDestination = destination }
        var present: Set<String> = []
        for (listener, rules) in found.listeners {
            guard listener.listenerProtocol == "HTTP" else {
                if skipped.insert(listener.arn).inserted {
                    logger.info("listener \(listener.port)/\(listener.listenerProtocol) of \(balancer.arnSuffix): not served locally (HTTP only)")
                }
                continue
            }
            present.insert(listener.arn)
            let routes = ListenerRoutes(rules: rules, defaultAction: listener.defaultAction)
            let snapshot = ListenerConfiguration.Snapshot(
                routes: routes, pools: routes.targetGroupArns.map { targetGroups[$0] == nil ? nil : pools[$0]?.pool },
                idleTimeout: .seconds(Int64(found.idleTimeoutSeconds)), metrics: balancer.metrics, port: listener.port,
                accessLog: found.accessLogs == nil ? nil : balancer.accessLog)
            if let existing = balancer.listeners[listener.arn], existing.port == listener.port {
                existing.configuration.replace(snapshot)
                continue
            }
            if let existing = balancer.listeners[listener.arn] { await Self.stop(existing) }
            let configuration = ListenerConfiguration(snapshot)
            do {
                let channel = try await ListenerServer.bind(host: balancer.address.description, port: listener.port,
                                                            configuration: configuration, registry: registry, group: group)
                balancer.listeners[listener.arn] = (listener.port, channel, configuration)
                logger.info("load balancer \(balancer.arnSuffix): listener \(listener.port) at \(balancer.address.url(port: listener.port))")
            } catch {
                logger.warning("load balancer \(balancer.arnSuffix): cannot listen on \(balancer.address):\(listener.port): \(error)")
            }
        }
        for (listenerArn, listener) in balancer.listeners where !present.contains(listenerArn) {
            await Self.stop(listener)
            balancer.listeners[listenerArn] = nil
        }
        served[arn] = balancer
    }

    /// Stops accepting, then closes the connections it has.
    private static func stop(_ listener: (port: Int, channel: any Channel, configuration: ListenerConfiguration)) async {
        try? await listener.channel.close()
        listener.configuration.retire()
    }

    // MARK: - Metrics

    private func publishMetricsEvery() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: settings.metricsInterval)
            if Task.isCancelled { return }
            await publishMetrics()
        }
    }

    /// Puts each served load balancer's figures of the period ended now.
    public func publishMetrics() async {
        let now = Date()
        for balancer in served.values {
            guard let client = clients[balancer.region] else { continue }
            let publisher = MetricsPublisher(cloudWatch: CloudWatch(client: client), logger: logger)
            await publisher.publish(loadBalancer: balancer.arnSuffix, balancer.metrics.drain(), at: now)
        }
    }

    // MARK: - Access logs

    private func deliverAccessLogsEvery() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: settings.accessLogInterval)
            if Task.isCancelled { return }
            await deliverAccessLogs()
        }
    }

    /// Delivers each served load balancer's access log of the interval ended now.
    public func deliverAccessLogs() async {
        for balancer in served.values { await deliverAccessLog(of: balancer) }
    }

    private func deliverAccessLog(of balancer: Served) async {
        guard let destination = balancer.accessLogDestination, let client = clients[balancer.region] else { return }
        let shipper = AccessLogShipper(s3: S3(client: client), logger: logger)
        let key = AccessLogObjectKey(prefix: destination.prefix, loadBalancerArn: balancer.arn, nodeAddress: balancer.address.description)
        let dropped = await shipper.deliver(balancer.accessLog, to: destination, key: key, end: Date())
        if dropped > 0 { droppedAccessLogRecords[balancer.arn, default: 0] += dropped }
    }

    /// Access-log records refused because a load balancer's buffer was full, by its ARN.
    public func accessLogRecordsDropped() -> [String: Int] { droppedAccessLogRecords }
}
