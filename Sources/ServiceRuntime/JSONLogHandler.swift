import FoundationEssentials
import Logging

/// One JSON object per line on stdout, so CloudWatch Logs Insights can query fields directly.
/// Metadata values are written as given: callers must never put a secret in them.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    /// Receives each finished line (newline included); standard output unless a test captures it.
    private let writeLine: @Sendable (Data) -> Void

    public init(label: String, level: Logger.Level = .info,
                writeLine: @escaping @Sendable (Data) -> Void = { line in line.withUnsafeBytes { StandardStreams.writeAll($0, to: 1) } }) {
        self.label = label
        self.logLevel = level
        self.writeLine = writeLine
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: String] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = "\(value)"
        }
        // Errors are written as described: the project's errors never carry secret values.
        if let error = event.error { fields["error"] = "\(error)" }
        fields["ts"] = Date().formatted(.iso8601)
        fields["level"] = event.level.rawValue
        fields["logger"] = label
        fields["msg"] = event.message.description
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(fields) else { return }
        data.append(0x0A)
        writeLine(data)
    }

    /// Installs JSON logging process-wide; LOG_LEVEL (trace…critical) sets the level, info by default.
    public static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let level = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
    }
}
