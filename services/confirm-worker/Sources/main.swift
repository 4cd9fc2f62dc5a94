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
// one-line message. `confirm-worker healthcheck` is the task definition's container health check.
exit(await ServiceMain.run(.confirmWorker) { logger in
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
    try await ConfirmWorkerServer.run(logger: logger)
})
