import AWSClient
import Logging
import NIOCore
import NIOPosix
import Stack

/// The local data plane of CloudFront: each enabled distribution of the served stack (found
/// by the stack's comment) is served on port 80 of its own loopback address
/// (``LocalDistributionAddress``), applying its cache behaviours, cache and origin request
/// policies, compression and origin-group failover, in front of the local ALBs. Configuration
/// comes from polling the CloudFront API, so it follows every change without a restart; a
/// deleted or disabled distribution stops being served (and its cache is dropped).
public actor DistributionPlane {
    public struct Settings: Sendable {
        /// The regions whose load balancers may be origins.
        public var regions: [String]
        /// The stack's distributions carry this comment (``DistributionComment``).
        public var comment: String
        public var port = 80
        public var pollInterval: Duration = .seconds(1)
        /// Each distribution's cache holds at most this many bytes (least recently used evicted).
        public var cacheBudgetBytes = 64 * 1024 * 1024

        public init(regions: [String], comment: String) {
            self.regions = regions
            self.comment = comment
        }
    }

    struct Served {
        let address: LocalDistributionAddress
        let channel: any Channel
        let configuration: DistributionConfiguration
    }

    let settings: Settings
    let discovery: DistributionDiscovery
    let logger: Logger
    let group: any EventLoopGroup
    private let registry = UpstreamConnectionRegistry()
    private var served: [String: Served] = [:]

    public init(settings: Settings, client: AWSClient, logger: Logger, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        discovery = DistributionDiscovery(cloudFront: CloudFront(client: client),
                                          elbs: settings.regions.map { ElasticLoadBalancingV2(client: client.withRegion($0)) },
                                          comment: settings.comment)
        self.logger = logger
        self.group = group
    }

    /// Polls until cancelled, then closes every distribution's socket.
    public func run() async throws {
        while !Task.isCancelled {
            do { try await poll() } catch {
                logger.warning("distributions: \(error)")
            }
            try? await Task.sleep(for: settings.pollInterval)
        }
        await shutDown()
    }

    /// `http://<address>` of each served distribution, by distribution ID.
    public func urls() -> [String: String] {
        served.mapValues { $0.address.url }
    }

    public func shutDown() async {
        for distribution in served.values { await Self.stop(distribution) }
        served.removeAll()
    }

    /// One discovery pass: serves new distributions, updates changed ones, stops gone ones.
    public func poll() async throws {
        let found = try await discovery.discover()
        let present = Set(found.map(\.id))
        for distribution in found {
            let snapshot = DistributionConfiguration.Snapshot(routes: distribution.routes, domainName: distribution.domainName)
            if let existing = served[distribution.id] {
                existing.configuration.replace(snapshot)
                continue
            }
            let address = LocalDistributionAddress(distributionId: distribution.id)
            let configuration = DistributionConfiguration(snapshot, cacheBudgetBytes: settings.cacheBudgetBytes)
            do {
                let channel = try await EdgeServer.bind(host: address.description, port: settings.port,
                                                        configuration: configuration, registry: registry, group: group)
                served[distribution.id] = Served(address: address, channel: channel, configuration: configuration)
                logger.info("distribution \(distribution.id) at \(address.url)")
            } catch {
                logger.warning("distribution \(distribution.id): cannot listen on \(address):\(settings.port): \(error)")
            }
        }
        for (id, distribution) in served where !present.contains(id) {
            logger.info("distribution \(id) is gone or disabled; no longer served at \(distribution.address)")
            await Self.stop(distribution)
            served[id] = nil
        }
    }

    private static func stop(_ distribution: Served) async {
        try? await distribution.channel.close()
        distribution.configuration.connections.retire()
        distribution.configuration.cache.removeAll()
    }
}
