import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Logging
import PublicAPI
import ServiceRuntime
import Ticketing

// public-api: read the environment (a bad key exits 1 with a one-line message), connect, serve;
// `public-api healthcheck` is the task definition's container health check.
exit(await ServiceMain.run(.publicAPI) { logger in
    try await PublicAPIServer.run(logger: logger)
})
