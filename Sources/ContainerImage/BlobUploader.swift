import AsyncHTTPClient
import NIOHTTP1

/// Uploads one blob unless the registry has it: HEAD, then POST → PATCH chunks (each streamed
/// from disk, with Content-Range) → PUT ?digest=. After a failure it asks the registry how
/// much it holds (GET on the upload URL, `Range: 0-N`) and resumes there, or restarts this
/// blob's upload when the session is gone; nothing else is re-sent.
struct BlobUploader: Sendable {
    struct Outcome: Sendable {
        var uploaded = false
        var bytesSent: Int64 = 0
        var retries = 0
        var resumed = 0
        var restarted = 0
    }

    let transport: RegistryTransport
    let repository: String
    let chunkSize: Int64

    private var scope: String { "repository:\(repository):pull,push" }

    func ensure(path: String, digest: Digest, size: Int64) async throws -> Outcome {
        var outcome = Outcome()
        let existing = try await transport.send(.HEAD, "/v2/\(repository)/blobs/\(digest)", scope: scope, operation: "HEAD blob \(digest)")
        outcome.retries += existing.retries
        if existing.status == 200 { return outcome }
        try existing.expect([404], "HEAD blob \(digest) in \(repository)")

        var location: String?
        var offset: Int64 = 0
        var failures = 0
        while true {
            do {
                if location == nil {
                    let started = try await transport.exchange(.POST, "/v2/\(repository)/blobs/uploads/", scope: scope)
                    try Self.check(started, [202], "start upload of \(digest)")
                    location = try Self.location(started, "start upload of \(digest)")
                    offset = 0
                }
                while offset < size {
                    let length = min(chunkSize, size - offset)
                    let range = "\(offset)-\(offset + length - 1)"
                    let regionOffset = offset
                    var headers = HTTPHeaders()
                    headers.add(name: "Content-Type", value: "application/octet-stream")
                    headers.add(name: "Content-Range", value: range)
                    let response = try await transport.exchange(.PATCH, location!, headers: headers, body: {
                        .stream(FileRegionSequence(path: path, offset: regionOffset, length: length), length: .known(length))
                    }, scope: scope)
                    try Self.check(response, [202, 204], "upload bytes \(range) of \(digest)")
                    location = (try? Self.location(response, "")) ?? location
                    outcome.bytesSent += length
                    offset += length  // a registry that disagrees answers the next PATCH with 416, and we resync
                }
                let commit = try await transport.exchange(.PUT, Self.appendingDigest(location!, digest), scope: scope)
                try Self.check(commit, [201, 204], "commit upload of \(digest)")
                if let answered = commit.header("Docker-Content-Digest"), answered != digest.description {
                    throw RegistryError.unexpectedStatus(operation: "commit upload of \(digest)", status: commit.status, detail: "registry stored \(answered)")
                }
                outcome.uploaded = true
                return outcome
            } catch let error where Self.isRecoverable(error) {
                failures += 1
                guard failures < transport.retryPolicy.maxAttempts else {
                    throw RegistryError.retriesExhausted(operation: "upload blob \(digest) to \(repository)", attempts: failures, lastError: String(describing: error))
                }
                outcome.retries += 1
                try await Task.sleep(for: transport.retryPolicy.delay(beforeAttempt: failures))
                // The commit may have succeeded with its answer lost.
                if (try? await transport.exchange(.HEAD, "/v2/\(repository)/blobs/\(digest)", scope: scope))?.status == 200 {
                    outcome.uploaded = true
                    return outcome
                }
                if let current = location, let status = try? await transport.exchange(.GET, current, scope: scope), status.status == 204,
                   let resumeAt = Self.nextOffset(fromRange: status.header("Range")) {
                    location = (try? Self.location(status, "")) ?? current
                    offset = resumeAt
                    outcome.resumed += 1
                } else {
                    location = nil
                    offset = 0
                    outcome.restarted += 1
                }
            }
        }
    }

    /// Marks statuses worth a resume or restart (server errors, lost sessions, range
    /// disagreements, a digest the registry computed differently); others fail at once.
    private struct RecoverableStatus: Error, CustomStringConvertible {
        let operation: String
        let status: Int
        let detail: String
        var description: String { "\(operation): HTTP \(status) \(detail)" }
    }

    private static func check(_ response: RegistryTransport.Response, _ expected: Set<Int>, _ operation: String) throws {
        guard !expected.contains(response.status) else { return }
        let detail = RegistryErrorBody.summary(response.body)
        if RegistryRetryPolicy.isRetryable(status: response.status) || [404, 416].contains(response.status) || detail.contains("DIGEST_INVALID") {
            throw RecoverableStatus(operation: operation, status: response.status, detail: detail)
        }
        throw RegistryError.unexpectedStatus(operation: operation, status: response.status, detail: detail)
    }

    private static func isRecoverable(_ error: any Error) -> Bool {
        error is RecoverableStatus || RegistryTransport.isTransient(error)
    }

    private static func location(_ response: RegistryTransport.Response, _ operation: String) throws -> String {
        guard let location = response.header("Location"), !location.isEmpty else {
            throw RegistryError.unexpectedStatus(operation: operation, status: response.status, detail: "no Location header")
        }
        return location
    }

    /// `Range: 0-N` means N+1 bytes are stored. "0-0" is ambiguous in the distribution
    /// registry (nothing or one byte), so it is read as nothing: resending is always safe.
    static func nextOffset(fromRange header: String?) -> Int64? {
        guard let header else { return nil }
        let value = header.hasPrefix("bytes=") ? String(header.dropFirst(6)) : header
        let parts = value.split(separator: "-")
        guard parts.count == 2, let end = Int64(parts[1]) else { return nil }
        return end == 0 ? 0 : end + 1
    }

    static func appendingDigest(_ location: String, _ digest: Digest) -> String {
        location + (location.contains("?") ? "&" : "?") + "digest=sha256%3A" + digest.hex
    }
}
