import Foundation
import NIOHTTP1

extension RegistryClient {
    /// Pulls `repository@digest` into an OCI layout at `directory`: the document asked for,
    /// the manifest for `architecture` (linux), its config and layers. Each blob streams to
    /// disk while hashed and is kept only if its digest and size match.
    public func pull(repository: String, digest: Digest, credentials: RegistryCredentials, into directory: String,
                     architecture: String = ELFArchitecture.host.rawValue) async throws -> PulledImage {
        try Self.validate(repository: repository)
        let transport = transport(credentials)
        let scope = "repository:\(repository):pull"
        let layout = try ImageLayoutDirectory.create(at: directory)
        var verified = 0
        var downloaded: Int64 = 0

        let (topType, topBytes) = try await fetchManifest(repository: repository, digest: digest, transport: transport, scope: scope)
        verified += 1
        downloaded += Int64(topBytes.count)
        try layout.writeBlob(topBytes, mediaType: topType)
        var manifestDigest = digest
        var manifestBytes = topBytes
        if OCIMediaType.isIndex(topType) {
            let index = try CanonicalJSON.decode(OCIIndex.self, from: topBytes, source: "\(repository)@\(digest)")
            guard let chosen = index.manifests.first(where: { $0.platform?.architecture == architecture && $0.platform?.os == "linux" })
                    ?? (index.manifests.count == 1 && index.manifests[0].platform == nil ? index.manifests.first : nil) else {
                throw RegistryError.noManifestForPlatform("linux/\(architecture)")
            }
            manifestDigest = chosen.digest
            let (manifestType, bytes) = try await fetchManifest(repository: repository, digest: chosen.digest, transport: transport, scope: scope)
            verified += 1
            downloaded += Int64(bytes.count)
            try layout.writeBlob(bytes, mediaType: manifestType)
            manifestBytes = bytes
        }
        let manifest = try CanonicalJSON.decode(OCIManifest.self, from: manifestBytes, source: "\(repository)@\(manifestDigest)")
        for blob in [manifest.config] + manifest.layers {
            downloaded += try await fetchBlob(repository: repository, descriptor: blob, into: layout, transport: transport, scope: scope)
            verified += 1
        }
        let config = try layout.readJSONBlob(OCIImageConfig.self, manifest.config.digest)
        try layout.writeIndex(OCIIndex(manifests: [OCIDescriptor(mediaType: topType, digest: digest, size: Int64(topBytes.count))]))
        return PulledImage(layout: layout, digest: digest, manifestDigest: manifestDigest, manifest: manifest, config: config,
                           verifiedDigests: verified, bytesDownloaded: downloaded)
    }

    private func fetchManifest(repository: String, digest: Digest, transport: RegistryTransport, scope: String) async throws -> (String, [UInt8]) {
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: OCIMediaType.manifestAccept)
        let operation = "GET manifest \(repository)@\(digest)"
        let response = try await transport.send(.GET, "/v2/\(repository)/manifests/\(digest)", headers: headers, scope: scope, operation: operation)
        if response.status == 404 { throw RegistryError.manifestNotFound(repository: repository, reference: digest.description) }
        try response.expect([200], operation)
        let actual = Digest.of(response.body)
        guard actual == digest else { throw RegistryError.digestMismatch(what: operation, expected: digest, actual: actual) }
        struct MediaTypeOnly: Decodable { let mediaType: String? }
        let declared = try? JSONDecoder().decode(MediaTypeOnly.self, from: Data(response.body)).mediaType
        let headerType = response.header("Content-Type").map { String($0.split(separator: ";")[0]) }
        return (declared ?? headerType ?? OCIMediaType.imageManifest, response.body)
    }

    /// Downloads one blob to a temporary file while hashing it; retries the whole download on
    /// transient failures; keeps it only when digest and size match.
    private func fetchBlob(repository: String, descriptor: OCIDescriptor, into layout: ImageLayoutDirectory,
                           transport: RegistryTransport, scope: String) async throws -> Int64 {
        let operation = "GET blob \(descriptor.digest) from \(repository)"
        var attempt = 1
        while true {
            let temporary = layout.temporaryBlobPath()
            do {
                let sink = DigestingSink(downstream: try FileOutput(creating: temporary))
                let received = try await transport.download("/v2/\(repository)/blobs/\(descriptor.digest)", scope: scope, into: sink)
                try sink.finish()
                let digest = sink.digest!
                guard digest == descriptor.digest else { throw RegistryError.digestMismatch(what: operation, expected: descriptor.digest, actual: digest) }
                guard received == descriptor.size else {
                    throw RegistryError.unexpectedStatus(operation: operation, status: 200, detail: "\(received) bytes received, descriptor says \(descriptor.size)")
                }
                try layout.commitBlob(temporary: temporary, digest: digest)
                return received
            } catch {
                unlink(temporary)
                let retryable = RegistryTransport.isTransient(error) || {
                    if case RegistryError.unexpectedStatus(_, let status, _) = error { return RegistryRetryPolicy.isRetryable(status: status) }
                    return false
                }()
                guard retryable, attempt < retryPolicy.maxAttempts else {
                    if retryable { throw RegistryError.retriesExhausted(operation: operation, attempts: attempt, lastError: String(describing: error)) }
                    throw error
                }
                try await Task.sleep(for: retryPolicy.delay(beforeAttempt: attempt))
                attempt += 1
            }
        }
    }
}
