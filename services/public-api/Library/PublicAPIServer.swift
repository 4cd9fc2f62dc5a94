import Foundation
import Hummingbird
import Logging
import ServiceRuntime
import Ticketing

/// The process: environment → clients → HTTP server on PORT, drained on SIGTERM.
public enum PublicAPIServer {
    public static func run(environment: [String: String] = ProcessInfo.processInfo.environment,
                           logger: Logger) async throws {
        let settings = try PublicAPIEnvironment(environment: environment)
        try await ServiceBootstrap.serve(settings.service, logger: logger) { clients in
            let api = PublicAPI(configuration: PublicAPIConfiguration(settings), redis: clients.redis,
                                postgres: clients.postgres, aws: clients.aws, logger: logger)
            return (api.router(), [])
        }
    }
}
