import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// A registry v2 (OCI distribution) client for one registry endpoint: pushes an OCI layout
/// (blobs streamed from disk, only those missing) and pulls images back by digest, verifying
/// every digest. Stateless between calls; each call authenticates with the credentials given.
public struct RegistryClient: Sendable {
    /// e.g. `http://127.0.0.1:5001` or `https://123456789012.dkr.ecr.ap-northeast-1.amazonaws.com`.
    public let baseURL: String
    public var retryPolicy: RegistryRetryPolicy
    /// Bytes per PATCH request. ECR needs at least 5 MiB for every chunk but the last.
    public var chunkSize: Int64
    /// Refuse to move a tag that already points elsewhere (ECR repositories are created
    /// with immutable tags; the check gives the same clear error on any registry).
    public var immutableTags: Bool
    public var requestTimeout: Duration
    let httpClient: HTTPClient

    public init(url: String, retryPolicy: RegistryRetryPolicy = .init(), chunkSize: Int64 = 16 << 20,
                immutableTags: Bool = true, requestTimeout: Duration = .seconds(600)) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme, ["http", "https"].contains(scheme),
              components.host?.isEmpty == false, components.path.isEmpty || components.path == "/" else {
            throw RegistryError.invalidURL(url)
        }
        guard chunkSize > 0 else { throw RegistryError.invalidURL("chunk size must be positive") }
        self.baseURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.retryPolicy = retryPolicy
        self.chunkSize = chunkSize
        self.immutableTags = immutableTags
        self.requestTimeout = requestTimeout
        self.httpClient = RegistryHTTPClient.shared
    }

    /// host[:port], for messages.
    public var registryName: String {
        let components = URLComponents(string: baseURL)
        return (components?.host ?? baseURL) + (components?.port.map { ":\($0)" } ?? "")
    }

    func transport(_ credentials: RegistryCredentials) -> RegistryTransport {
        RegistryTransport(baseURL: baseURL, registryName: registryName, httpClient: httpClient,
                          authenticator: RegistryAuthenticator(registry: registryName, credentials: credentials, httpClient: httpClient),
                          retryPolicy: retryPolicy, requestTimeout: requestTimeout)
    }

    /// GET /v2/: learns the auth scheme and checks the credentials before any upload starts.
    func checkAccess(_ transport: RegistryTransport, scope: String) async throws {
        let response = try await transport.send(.GET, "/v2/", scope: scope, operation: "GET /v2/ on \(registryName)")
        try response.expect([200], "GET /v2/ on \(registryName)")
    }

    /// Pushes the image a layout holds (its index.json's single entry) as `repository:tag`.
    /// Pushes to the same repository from this process are queued (see `RepositoryPushQueue`).
    public func push(layout: ImageLayoutDirectory, repository: String, tag: String, credentials: RegistryCredentials) async throws -> PushReport {
        try Self.validate(repository: repository)
        try Self.validate(tag: tag)
        return try await RepositoryPushQueue.shared.serialized("\(baseURL)/\(repository)") {
            try await pushQueued(layout: layout, repository: repository, tag: tag, credentials: credentials)
        }
    }

    private func pushQueued(layout: ImageLayoutDirectory, repository: String, tag: String, credentials: RegistryCredentials) async throws -> PushReport {
        let plan = try PushPlan(layout: layout)
        let transport = transport(credentials)
        let scope = "repository:\(repository):pull,push"
        try await checkAccess(transport, scope: scope)

        var report = PushReport(repository: repository, tag: tag, digest: plan.top.descriptor.digest, manifestDigests: plan.manifests.map(\.descriptor.digest))
        let uploader = BlobUploader(transport: transport, repository: repository, chunkSize: chunkSize)
        for blob in plan.blobs {
            let outcome = try await uploader.ensure(path: layout.blobPath(blob.digest), digest: blob.digest, size: blob.size)
            if outcome.uploaded { report.blobsUploaded += 1 } else { report.blobsSkipped += 1 }
            report.bytesUploaded += outcome.bytesSent
            report.retries += outcome.retries
            report.uploadsResumed += outcome.resumed
            report.uploadsRestarted += outcome.restarted
        }
        for manifest in plan.manifests {
            report.retries += try await putManifest(manifest, reference: manifest.descriptor.digest.description, repository: repository, transport: transport)
        }
        let existing = try await tagDigest(repository: repository, tag: tag, transport: transport, scope: scope)
        if existing == plan.top.descriptor.digest {
            report.tagAlreadyPresent = true
        } else {
            if let existing, immutableTags {
                throw RegistryError.tagExists(repository: repository, tag: tag, existing: existing, attempted: plan.top.descriptor.digest)
            }
            do {
                report.retries += try await putManifest(plan.top, reference: tag, repository: repository, transport: transport)
            } catch RegistryError.unexpectedStatus(_, 400, let detail) where detail.lowercased().contains("immutable") {
                let current = try await tagDigest(repository: repository, tag: tag, transport: transport, scope: scope) ?? plan.top.descriptor.digest
                throw RegistryError.tagExists(repository: repository, tag: tag, existing: current, attempted: plan.top.descriptor.digest)
            }
        }
        return report
    }

    /// PUT a manifest or index; checks the digest the registry computed. Returns retries used.
    private func putManifest(_ document: PushPlan.Document, reference: String, repository: String, transport: RegistryTransport) async throws -> Int {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: document.descriptor.mediaType)
        let bytes = document.bytes
        let operation = "PUT manifest \(repository):\(reference)"
        let response = try await transport.send(.PUT, "/v2/\(repository)/manifests/\(reference)", headers: headers, body: {
            .bytes(bytes)
        }, scope: "repository:\(repository):pull,push", operation: operation)
        try response.expect([200, 201], operation)
        if let answered = response.header("Docker-Content-Digest"), answered != document.descriptor.digest.description {
            throw RegistryError.digestMismatch(what: operation, expected: document.descriptor.digest, actual: try Digest(parsing: answered))
        }
        return response.retries
    }

    /// The digest a tag (or digest) points at, or nil when the registry does not have it.
    func tagDigest(repository: String, tag: String, transport: RegistryTransport, scope: String) async throws -> Digest? {
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: OCIMediaType.manifestAccept)
        let operation = "HEAD manifest \(repository):\(tag)"
        let head = try await transport.send(.HEAD, "/v2/\(repository)/manifests/\(tag)", headers: headers, scope: scope, operation: operation)
        if head.status == 404 { return nil }
        try head.expect([200], operation)
        if let answered = head.header("Docker-Content-Digest") { return try Digest(parsing: answered) }
        let get = try await transport.send(.GET, "/v2/\(repository)/manifests/\(tag)", headers: headers, scope: scope, operation: operation)
        try get.expect([200], operation)
        return Digest.of(get.body)
    }

    static func validate(repository: String) throws {
        let components = repository.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        let valid = components.allSatisfy { component in
            guard let first = component.first, first.isLetter || first.isNumber else { return false }
            return component.allSatisfy { allowed.contains($0) }
        }
        guard !repository.isEmpty, repository.count <= 255, valid else {
            throw RegistryError.invalidURL("repository name '\(repository)': lowercase letters, digits and . _ - separated by /")
        }
    }

    static func validate(tag: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !tag.isEmpty, tag.count <= 128, tag.allSatisfy({ allowed.contains($0) }), tag.first != ".", tag.first != "-" else {
            throw RegistryError.invalidURL("tag '\(tag)': up to 128 of A-Z a-z 0-9 . _ -, not starting with . or -")
        }
    }
}
