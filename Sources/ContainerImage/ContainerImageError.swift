/// Errors raised while assembling, reading or unpacking images (registry errors are `RegistryError`).
/// Each case renders as one line naming what is wrong and where.
public enum ContainerImageError: Error, CustomStringConvertible, Sendable {
    case invalidDigest(String)
    case io(path: String, operation: String, errno: Int32)
    case fileChanged(path: String, expected: Int64, actual: Int64)
    case invalidTarPath(String)
    case duplicateTarEntry(String)
    case malformedTar(String)
    case unsafeLayerPath(String)
    case compression(String)
    case notELF(path: String)
    case unsupportedELF(path: String, reason: String)
    case malformedELF(path: String, reason: String)
    case unresolvedLibrary(name: String, neededBy: String, searched: [String])
    case architectureMismatch(path: String, expected: String, actual: String)
    case commandFailed(command: String, status: Int32, output: String)
    /// A command that never ran: not installed, or refused to start.
    case commandUnavailable(command: String, reason: String)
    /// The image's service did not answer its health path: ended first (`exitStatus`) or too slow.
    case unhealthy(url: String, exitStatus: Int32?, detail: String, log: String)
    case invalidLayout(path: String, reason: String)
    case digestMismatch(what: String, expected: Digest, actual: Digest)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .invalidDigest(let text): return "invalid digest '\(text)' (expected sha256:<64 lowercase hex>)"
        case .io(let path, let operation, let code): return "\(operation) \(path): \(errnoText(code))"
        case .fileChanged(let path, let expected, let actual): return "\(path) changed while it was being archived (\(expected) bytes expected, \(actual) read)"
        case .invalidTarPath(let path): return "invalid path in image: '\(path)'"
        case .duplicateTarEntry(let path): return "two entries for the same path in a layer: '\(path)'"
        case .malformedTar(let reason): return "malformed tar stream: \(reason)"
        case .unsafeLayerPath(let path): return "layer entry escapes the root filesystem or writes through a symlink: '\(path)'"
        case .compression(let reason): return "gzip: \(reason)"
        case .notELF(let path): return "\(path): not an ELF file"
        case .unsupportedELF(let path, let reason): return "\(path): unsupported ELF file (\(reason))"
        case .malformedELF(let path, let reason): return "\(path): malformed ELF file (\(reason))"
        case .unresolvedLibrary(let name, let neededBy, let searched): return "\(name) (needed by \(neededBy)) not found in: \(searched.joined(separator: ", "))"
        case .architectureMismatch(let path, let expected, let actual): return "\(path) is \(actual), the image is \(expected)"
        case .commandFailed(let command, let status, let output): return "\(command) exited with \(status): \(output)"
        case .commandUnavailable(let command, let reason): return "\(command): \(reason)"
        case .unhealthy(let url, let exitStatus?, _, let log):
            return "the image's entrypoint exited with \(exitStatus) before \(url) answered; its log: \(log)"
        case .unhealthy(let url, nil, let detail, let log): return "\(url): \(detail); the service's log: \(log)"
        case .invalidLayout(let path, let reason): return "\(path): invalid OCI image layout (\(reason))"
        case .digestMismatch(let what, let expected, let actual): return "\(what): digest mismatch (expected \(expected), got \(actual))"
        case .invalidArgument(let reason): return reason
        }
    }
}

private func errnoText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
