import ContainerImage
import Foundation

/// Images pulled by digest and unpacked once per digest, shared by every task that runs them
/// (a container runtime's image store). A task never runs a moved tag: the task definition
/// names a digest, and every blob pulled is checked against its digest.
actor ImageCache {
    struct Unpacked: Sendable {
        let root: String
        let config: OCIImageConfig
        let digest: Digest
    }

    let directory: String
    let credentials: RegistryCredentials
    private var ready: [String: Unpacked] = [:]
    private var inFlight: [String: Task<Unpacked, any Error>] = [:]

    init(directory: String, credentials: RegistryCredentials) {
        self.directory = directory
        self.credentials = credentials
    }

    /// `reference` is `host[:port]/repository@sha256:<hex>`, as task definitions name images.
    /// Keyed by digest: the same image pushed to two repositories (two regions) is unpacked once.
    func unpacked(_ reference: String) async throws -> Unpacked {
        let parsed = try Self.parse(reference)
        let key = parsed.digest.hex
        if let done = ready[key] { return done }
        if let running = inFlight[key] { return try await running.value }
        let task = Task { try await Self.pull(reference, parsed: parsed, directory: directory, credentials: credentials) }
        inFlight[key] = task
        defer { inFlight[key] = nil }
        let result = try await task.value
        ready[key] = result
        return result
    }

    private static func parse(_ reference: String) throws -> (host: String, repository: String, digest: Digest) {
        let parts = reference.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2, let slash = parts[0].firstIndex(of: "/") else {
            throw DataPlaneError.task("CannotPullContainerError: \(reference) is not <registry>/<repository>@sha256:<digest>")
        }
        do {
            return (String(parts[0][..<slash]), String(parts[0][parts[0].index(after: slash)...]), try Digest(parsing: parts[1]))
        } catch {
            throw DataPlaneError.task("CannotPullContainerError: \(parts[1]) is not a sha256 digest")
        }
    }

    private static func pull(_ reference: String, parsed: (host: String, repository: String, digest: Digest),
                             directory: String, credentials: RegistryCredentials) async throws -> Unpacked {
        let (host, repository, digest) = parsed
        // Registries on loopback (the local stand-in for ECR) speak plain HTTP; any other speaks TLS.
        let loopback = host.hasPrefix("127.") || host.hasPrefix("localhost")
        let registry = try RegistryClient(url: (loopback ? "http://" : "https://") + host)
        let base = directory + "/" + digest.hex
        let root = base + "/rootfs"
        let layout = base + "/layout"
        try? FileManager.default.removeItem(atPath: base)
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let pulled: PulledImage
        do {
            pulled = try await registry.pull(repository: repository, digest: digest, credentials: credentials, into: layout)
        } catch {
            throw DataPlaneError.task("CannotPullContainerError: pull image manifest has been retried 1 time(s): \(reference): \(error)")
        }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try LayerUnpacker().unpack(manifest: pulled.manifest, config: pulled.config, from: pulled.layout, into: root)
        try? FileManager.default.removeItem(atPath: layout)
        return Unpacked(root: root, config: pulled.config, digest: pulled.manifestDigest)
    }
}
