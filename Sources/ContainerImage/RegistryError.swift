/// Registry failures, each one line naming the registry, repository or blob concerned.
/// Never carries a password or token.
public enum RegistryError: Error, CustomStringConvertible, Sendable {
    case invalidURL(String)
    case invalidCredentials(String)
    case authenticationFailed(registry: String, username: String?, detail: String)
    case unexpectedStatus(operation: String, status: Int, detail: String)
    case retriesExhausted(operation: String, attempts: Int, lastError: String)
    case tagExists(repository: String, tag: String, existing: Digest, attempted: Digest)
    case digestMismatch(what: String, expected: Digest, actual: Digest)
    case manifestNotFound(repository: String, reference: String)
    case noManifestForPlatform(String)
    case responseTooLarge(operation: String)

    public var description: String {
        switch self {
        case .invalidURL(let url): return "invalid registry URL '\(url)'"
        case .invalidCredentials(let reason): return "invalid registry credentials: \(reason)"
        case .authenticationFailed(let registry, let username, let detail):
            let who = username.map { " for user '\($0)'" } ?? " (no credentials given)"
            return "registry \(registry) refused authentication\(who): \(detail)"
        case .unexpectedStatus(let operation, let status, let detail): return "\(operation): HTTP \(status)\(detail.isEmpty ? "" : ": " + detail)"
        case .retriesExhausted(let operation, let attempts, let lastError): return "\(operation): gave up after \(attempts) attempts (last error: \(lastError))"
        case .tagExists(let repository, let tag, let existing, let attempted):
            return "tag \(repository):\(tag) already points at \(existing), not \(attempted); tags are immutable here, so build from a new revision"
        case .digestMismatch(let what, let expected, let actual): return "\(what): digest mismatch (expected \(expected), got \(actual))"
        case .manifestNotFound(let repository, let reference): return "manifest \(repository)@\(reference) not found"
        case .noManifestForPlatform(let platform): return "the image index has no manifest for \(platform)"
        case .responseTooLarge(let operation): return "\(operation): response body too large"
        }
    }
}
