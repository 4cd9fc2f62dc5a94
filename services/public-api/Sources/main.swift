import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Logging
import PublicAPI
import ServiceRuntime
import Ticketing

// public-api: read the environment (a bad key exits 1 with a one-line message), connect, serve.
JSONLogHandler.bootstrap()
let logger = Logger(label: "public-api")
do {
    try await PublicAPIServer.run(logger: logger)
} catch let error as EnvironmentError {
    logger.critical("bad configuration: \(error)")
    exit(1)
}
