import Foundation

/// Everything about a build besides the service itself; the defaults are what tpsctl uses.
public struct ImageBuildOptions: Sendable {
    /// The timestamp stamped on every layer entry and on `created`: SOURCE_DATE_EPOCH when set, else 0.
    public var epoch: Int64
    /// Source revision for the label; nil reads `git rev-parse HEAD` in `sourceDirectory`.
    public var revision: String?
    public var sourceDirectory: String
    public var systemFiles = SystemFiles()
    public var caCertificates = "/etc/ssl/certs/ca-certificates.crt"
    /// Where the service binary goes inside the image.
    public var binaryDirectory = "/usr/local/bin"
    public var workingDirectory = "/"
    /// Host files the loader cannot discover (dlopen'ed plugins), copied at their paths.
    public var additionalHostFiles: [String] = []
    /// Host files placed at another path in the image, image path → host path: the CA bundles
    /// the stack names (the RDS bundle at `/etc/ssl/tps/database-ca.pem`). Their bytes are in the
    /// layer, so a changed bundle is a changed digest.
    public var placedFiles: [String: String] = [:]
    public var stripBinary = true
    public var compressionLevel: Int32 = 6

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if let text = environment["SOURCE_DATE_EPOCH"] {
            guard let value = Int64(text), value >= 0 else {
                throw ContainerImageError.invalidArgument("SOURCE_DATE_EPOCH: expected a non-negative integer, got '\(text)'")
            }
            epoch = value
        } else {
            epoch = 0
        }
        sourceDirectory = FileManager.default.currentDirectoryPath
    }

    /// `created` in the RFC 3339 form the OCI spec uses.
    var createdTimestamp: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }
}
