import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import ConfirmAPI
import Logging
import ServiceRuntime
import Ticketing

// confirm-api: read the environment (a bad key exits 1 with a one-line message), connect, serve;
// `confirm-api healthcheck` is the task definition's container health check.
exit(await ServiceMain.run(.confirmAPI) { logger in
    try await ConfirmAPIServer.run(logger: logger)
})
