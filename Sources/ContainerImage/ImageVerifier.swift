import AsyncHTTPClient
import Foundation

/// Proof that what was shipped runs: pulls the image back by digest (every digest checked),
/// unpacks it into a root filesystem, starts its entrypoint there as the image's user
/// (`unshare --root`, i.e. a chroot; needs root) with the image's environment plus
/// overrides, polls the health URL on loopback until it answers, then stops the process.
public struct ImageVerifier: Sendable {
    public struct Options: Sendable {
        public var healthPath = "/public/health"
        /// The port to probe and to pass as PORT; nil takes PORT from the image config.
        public var port: Int?
        /// Added to (and overriding) the image's Env.
        public var environment: [String: String] = [:]
        public var timeout: Duration = .seconds(30)
        /// Scratch space for the pulled layout, the root filesystem and the service log.
        public var workDirectory: String
        public var keepRootFilesystem = false

        public init(workDirectory: String) {
            self.workDirectory = workDirectory
        }
    }

    public let registry: RegistryClient

    public init(registry: RegistryClient) {
        self.registry = registry
    }

    public func verify(repository: String, digest: Digest, credentials: RegistryCredentials, options: Options) async throws -> VerificationReport {
        let layoutPath = options.workDirectory + "/layout"
        let root = options.workDirectory + "/rootfs"
        try removeTree(layoutPath)
        try removeTree(root)
        let pulled = try await registry.pull(repository: repository, digest: digest, credentials: credentials, into: layoutPath)
        defer { if !options.keepRootFilesystem { try? removeTree(root) } }
        let members = try LayerUnpacker().unpack(manifest: pulled.manifest, config: pulled.config, from: pulled.layout, into: root)

        let launch = try ContainerLaunch(config: pulled.config, root: root, overrides: options.environment, port: options.port)
        let logPath = options.workDirectory + "/service.log"
        let process = try launch.start(logPath: logPath)
        let started = ContinuousClock.now
        let probe: HealthProbe.Result
        do {
            probe = try await HealthProbe(url: "http://127.0.0.1:\(launch.port)\(options.healthPath)", timeout: options.timeout)
                .waitUntilHealthy(exitStatus: { process.isRunning ? nil : process.terminationStatus }, logPath: logPath)
        } catch {
            _ = await launch.stop(process)
            throw error
        }
        let elapsed = ContinuousClock.now - started
        let exitStatus = await launch.stop(process)
        return VerificationReport(digest: digest, manifestDigest: pulled.manifestDigest, verifiedDigests: pulled.verifiedDigests,
                                  bytesDownloaded: pulled.bytesDownloaded, filesUnpacked: members, healthStatus: probe.status,
                                  healthBody: probe.body, timeToHealthy: elapsed, exitStatusAfterStop: exitStatus)
    }
}

/// What `verify` observed.
public struct VerificationReport: Sendable, CustomStringConvertible {
    public let digest: Digest
    public let manifestDigest: Digest
    public let verifiedDigests: Int
    public let bytesDownloaded: Int64
    public let filesUnpacked: Int
    public let healthStatus: Int
    public let healthBody: String
    public let timeToHealthy: Duration
    /// How the process ended after SIGTERM: 0 for a clean drain, 128 + signal when a signal
    /// ended it (143 = SIGTERM's default action, 137 = killed after not stopping in time).
    public let exitStatusAfterStop: Int32

    public var description: String {
        "\(digest): \(verifiedDigests) digests verified, \(filesUnpacked) entries unpacked, health HTTP \(healthStatus) after \(timeToHealthy)"
    }
}
