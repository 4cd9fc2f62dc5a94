/// Assembles a service image without a container engine: one root filesystem layer (the
/// stripped binary, exactly the shared libraries it loads, the loader, CA certificates, the
/// placed files and the system files), its config, manifest and a one-platform index, written as an OCI
/// image layout. The same inputs give the same bytes, hence the same digests.
public struct ImageBuilder: Sendable {
    public let options: ImageBuildOptions
    private let cache: LoaderCache?

    public init(options: ImageBuildOptions, cache: LoaderCache? = nil) {
        self.options = options
        self.cache = cache
    }

    public static let defaultPath = "/usr/local/bin:/usr/bin:/bin"

    /// Builds `binary` as `service` into an OCI layout at `outputDir` (replaced as a whole,
    /// only once the new layout is complete). `port` nil is a service that takes no traffic
    /// (the queue worker): no exposed port and no PORT variable.
    public func build(service: String, binary: String, port: Int?, env: [String: String], labels: [String: String], outputDir: String) throws -> ImageReference {
        try validate(service: service, binary: binary, port: port, env: env)
        let staging = outputDir + ".partial-\(getpid())"
        let work = outputDir + ".work-\(getpid())"
        try removeTree(staging)
        try removeTree(work)
        try makeDirectories(work)
        defer { try? removeTree(work); try? removeTree(staging) }

        let executable = options.stripBinary ? try BinaryStripper().strippedCopy(of: binary, into: work) : binary
        let resolution = try SharedLibraryResolver(cache: cache ?? LoaderCache.system()).resolve(executable: executable)
        let entries = try rootFilesystem(service: service, executable: executable, resolution: resolution)

        let layout = try ImageLayoutDirectory.create(at: staging)
        let layer = try LayerWriter(mtime: options.epoch, compressionLevel: options.compressionLevel).write(entries, into: layout)
        let revision = try options.revision ?? SourceRevision.current(in: options.sourceDirectory)
        let config = imageConfig(service: service, port: port, env: env, labels: labels, revision: revision,
                                 resolution: resolution, layer: layer)
        let configDescriptor = try layout.writeBlob(try CanonicalJSON.encode(config), mediaType: OCIMediaType.imageConfig)
        let layerDescriptor = OCIDescriptor(mediaType: OCIMediaType.layerGzip, digest: layer.digest, size: layer.size)
        let manifest = OCIManifest(config: configDescriptor, layers: [layerDescriptor])
        var manifestDescriptor = try layout.writeBlob(try CanonicalJSON.encode(manifest), mediaType: OCIMediaType.imageManifest)
        manifestDescriptor.platform = .init(architecture: resolution.architecture.rawValue, os: "linux")
        let index = OCIIndex(manifests: [manifestDescriptor])
        var indexDescriptor = try layout.writeBlob(try CanonicalJSON.encode(index), mediaType: OCIMediaType.imageIndex)
        indexDescriptor.annotations = ["org.opencontainers.image.ref.name": revision]
        try layout.writeIndex(OCIIndex(manifests: [indexDescriptor]))

        try removePreviousLayout(outputDir)
        try makeDirectories(parentDirectory(outputDir))
        try posixCheck(rename(staging, outputDir), "rename", outputDir)
        return ImageReference(service: service, layoutPath: outputDir, indexDigest: indexDescriptor.digest,
                              manifestDigest: manifestDescriptor.digest, configDigest: configDescriptor.digest,
                              layers: [layer], architecture: resolution.architecture.rawValue)
    }

    /// The layer's entries: binary, loader and libraries (mirrored with their symlinks), CA
    /// certificates, system files.
    func rootFilesystem(service: String, executable: String, resolution: SharedLibraryResolver.Resolution) throws -> [TarEntry] {
        var mirror = HostPathMirror()
        for path in ([resolution.interpreter].compactMap { $0 }) + resolution.libraries + options.additionalHostFiles {
            try mirror.add(hostPath: path)
        }
        var entries = Array(mirror.entries.values)
        entries.append(try TarEntry(path: binaryPath(service), content: .file(source: executable), mode: 0o755))
        guard (try? lstatIfPresent(options.caCertificates)) != nil, access(options.caCertificates, R_OK) == 0 else {
            throw ContainerImageError.invalidArgument("CA certificates not found at \(options.caCertificates) (install ca-certificates)")
        }
        entries.append(try TarEntry(path: "etc/ssl/certs/ca-certificates.crt", content: .file(source: try realPath(options.caCertificates)), mode: 0o644))
        entries += try options.systemFiles.entries()
        for (imagePath, hostPath) in options.placedFiles.sorted(by: { $0.key < $1.key }) {
            guard imagePath.hasPrefix("/"), imagePath.count > 1 else {
                throw ContainerImageError.invalidArgument("image path \(imagePath): expected an absolute path")
            }
            guard let info = try lstatIfPresent(hostPath), !isDirectory(info), access(hostPath, R_OK) == 0 else {
                throw ContainerImageError.invalidArgument("\(hostPath) (for \(imagePath) in the image): no such readable file")
            }
            entries.append(try TarEntry(path: String(imagePath.dropFirst()), content: .file(source: try realPath(hostPath)), mode: 0o644))
        }
        return entries
    }

    /// Replaces only what an earlier build wrote: an OCI layout or an empty directory. Anything
    /// else at `outputDir` is refused rather than deleted.
    private func removePreviousLayout(_ outputDir: String) throws {
        guard let info = try lstatIfPresent(outputDir) else { return }
        let isLayout = (try? lstatIfPresent(outputDir + "/oci-layout")).flatMap { $0 } != nil
        let isEmpty = isDirectory(info) && rmdir(outputDir) == 0
        guard isLayout || isEmpty else {
            throw ContainerImageError.invalidArgument("output directory \(outputDir) exists and is not an OCI image layout; refusing to replace it")
        }
        if isLayout { try removeTree(outputDir) }
    }

    func binaryPath(_ service: String) -> String { options.binaryDirectory + "/" + service }

    func imageConfig(service: String, port: Int?, env: [String: String], labels: [String: String], revision: String,
                     resolution: SharedLibraryResolver.Resolution, layer: LayerBlob) -> OCIImageConfig {
        var environment = ["PATH": Self.defaultPath]
        if let port { environment["PORT"] = String(port) }
        if !resolution.extraSearchDirectories.isEmpty {
            environment["LD_LIBRARY_PATH"] = resolution.extraSearchDirectories.joined(separator: ":")
        }
        environment.merge(env) { $1 }
        var allLabels = [
            "org.opencontainers.image.title": service,
            "org.opencontainers.image.revision": revision,
            "org.opencontainers.image.created": options.createdTimestamp,
        ]
        allLabels.merge(labels) { $1 }
        let files = options.systemFiles
        return OCIImageConfig(
            created: options.createdTimestamp,
            architecture: resolution.architecture.rawValue,
            os: "linux",
            config: .init(
                User: "\(files.uid):\(files.gid)",
                ExposedPorts: port.map { ["\($0)/tcp": .init()] },
                Env: environment.keys.sorted().map { "\($0)=\(environment[$0]!)" },
                Entrypoint: [binaryPath(service)],
                Cmd: nil,
                WorkingDir: options.workingDirectory,
                Labels: allLabels),
            rootfs: .init(type: "layers", diff_ids: [layer.diffID]),
            history: [.init(created: options.createdTimestamp, created_by: "tpsctl build \(service)")])
    }

    private func validate(service: String, binary: String, port: Int?, env: [String: String]) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        guard !service.isEmpty, service.allSatisfy({ allowed.contains($0) }), service.first!.isLetter || service.first!.isNumber else {
            throw ContainerImageError.invalidArgument("service name '\(service)': use lowercase letters, digits, '-', '_' or '.'")
        }
        guard let info = try lstatIfPresent(binary) else {
            throw ContainerImageError.invalidArgument("binary \(binary): no such file")
        }
        guard !isDirectory(info) else { throw ContainerImageError.invalidArgument("binary \(binary): is a directory") }
        if let port, !(1...65535).contains(port) { throw ContainerImageError.invalidArgument("port \(port): expected 1-65535") }
        for key in env.keys where key.isEmpty || key.contains("=") {
            throw ContainerImageError.invalidArgument("environment key '\(key)': must be non-empty without '='")
        }
    }
}
