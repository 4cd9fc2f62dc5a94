import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import ConfirmAPI
import Logging
import ServiceRuntime
import Ticketing

// confirm-api: read the environment (a bad key exits 1 with a one-line message), connect, serve.
JSONLogHandler.bootstrap()
let logger = Logger(label: "confirm-api")
do {
    try await ConfirmAPIServer.run(logger: logger)
} catch let error as EnvironmentError {
    logger.critical("bad configuration: \(error)")
    exit(1)
} catch {
    logger.critical("stopped: \(error)")
    exit(1)
}
