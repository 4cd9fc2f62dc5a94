import Foundation
import Hummingbird
import Logging
import ServiceRuntime
import Ticketing

/// The process: environment → clients → HTTP server on PORT, drained on SIGTERM.
public enum ConfirmAPIServer {
    public static func run(environment: [String: String] = ProcessInfo.processInfo.environment,
                           logger: Logger) async throws {
        let settings = try ConfirmAPIEnvironment(environment: environment)
        try await ServiceBootstrap.serve(settings.service, logger: logger,
                                         metadata: ["queue": "\(settings.commitQueueURL.absoluteString)"]) { clients in
            let api = ConfirmAPI(configuration: ConfirmAPIConfiguration(settings), redis: clients.redis,
                                 postgres: clients.postgres, aws: clients.aws, logger: logger)
            return (api.router(), [])
        }
    }
}
