import ConfirmWorker
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Logging
import ServiceRuntime
import Ticketing

// confirm-worker: `migrate [seed flags]` applies the database migrations and exits; with no
// argument it consumes the commit queue until SIGTERM. A bad environment key exits 1 with a
// one-line message.
JSONLogHandler.bootstrap()
let logger = Logger(label: "confirm-worker")
var arguments = Array(CommandLine.arguments.dropFirst())
// An ECS `command` override is appended to the image's entrypoint (this binary), so stage 08's
// ["confirm-worker", "migrate"] arrives with the program name repeated: skip it.
if let first = arguments.first, first.split(separator: "/").last == "confirm-worker" { arguments.removeFirst() }
if arguments.first == "migrate" {
    exit(await MigrateCommand.run(arguments: Array(arguments.dropFirst()),
                                  environment: ProcessInfo.processInfo.environment, logger: logger))
}
guard arguments.isEmpty else {
    StandardStreams.writeError("confirm-worker: unknown argument \(arguments[0])\n\(MigrateCommand.usage)\n")
    exit(2)
}
do {
    try await ConfirmWorkerServer.run(logger: logger)
} catch let error as EnvironmentError {
    logger.critical("bad configuration: \(error)")
    exit(1)
} catch {
    logger.critical("stopped: \(error)")
    exit(1)
}
