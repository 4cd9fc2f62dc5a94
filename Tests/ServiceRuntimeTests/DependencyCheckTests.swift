import Logging
import ServiceRuntime
import Synchronization
import Testing
import Ticketing

/// A health endpoint's dependency probe: ok/fail in the (public) report, the reason in the log.
@Suite("Dependency check")
struct DependencyCheckTests {
    /// Keeps what a logger was given, to read it back.
    final class RecordingLogHandler: LogHandler, Sendable {
        let records = Mutex<[(level: Logger.Level, message: String, metadata: Logger.Metadata)]>([])
        var metadata: Logger.Metadata { get { [:] } set {} }
        var logLevel: Logger.Level { get { .trace } set {} }
        subscript(metadataKey key: String) -> Logger.Metadata.Value? { get { nil } set {} }
        func log(event: LogEvent) {
            records.withLock { $0.append((event.level, event.message.description, event.metadata ?? [:])) }
        }
    }

    struct ConnectionRefused: Error, CustomStringConvertible {
        var description: String { "connection refused by 127.0.0.1:6379" }
    }

    @Test("a throwing probe is .fail and its error is logged with the dependency's name")
    func failureIsLogged() async {
        let handler = RecordingLogHandler()
        let logger = Logger(label: "test") { _ in handler }
        let state = await DependencyCheck.run("redis", logger: logger) { throw ConnectionRefused() }
        #expect(state == .fail)
        let records = handler.records.withLock { $0 }
        #expect(records.count == 1)
        #expect(records.first?.level == .warning)
        #expect(records.first?.metadata["dependency"] == "redis")
        #expect(records.first?.metadata["error"] == "connection refused by 127.0.0.1:6379")
    }

    @Test("a probe that returns is .ok and logs nothing")
    func successIsQuiet() async {
        let handler = RecordingLogHandler()
        let logger = Logger(label: "test") { _ in handler }
        #expect(await DependencyCheck.run("postgres", logger: logger) {} == .ok)
        #expect(handler.records.withLock { $0.isEmpty })
    }
}
