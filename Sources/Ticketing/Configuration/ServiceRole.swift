import EnvironmentContract

/// The three services built on this domain.
public enum ServiceRole: String, Codable, Sendable, CaseIterable {
    case publicAPI = "public-api"
    case confirmAPI = "confirm-api"
    case confirmWorker = "confirm-worker"

    /// What the `healthcheck` subcommand (the container health check) asks on the own port.
    public var containerHealthPath: String { ContainerHealthPath.of(service: rawValue)! }
}
