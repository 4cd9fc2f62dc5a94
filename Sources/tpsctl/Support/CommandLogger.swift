import AWSClient
import Logging

/// The logger of every command: `-v` logs each AWS request at debug level to stderr; without
/// it nothing is logged.
enum CommandLogger {
    static func make(verbose: Bool) -> Logger {
        guard verbose else { return AWSClient.silentLogger }
        var logger = Logger(label: "tpsctl", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .debug
        return logger
    }
}
