import Foundation
import ConfirmAPI
import Logging
import ServiceRuntime
import Ticketing

// confirm-api: read the environment (a bad key exits 1 with a one-line message), connect, serve.
// `confirm-api healthcheck`: the container health check of the task definition.
if ContainerHealthCheck.isRequested() { exit(await ContainerHealthCheck.probe(path: "/confirm/health")) }
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
