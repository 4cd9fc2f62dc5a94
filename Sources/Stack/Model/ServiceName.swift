import EnvironmentContract

/// The three services of the ticketing system; their names appear in resource names, images
/// and the stack file's `services` keys.
public enum ServiceName: String, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case publicAPI = "public-api"
    case confirmAPI = "confirm-api"
    case confirmWorker = "confirm-worker"

    /// The APIs sit behind the ALB; the worker only consumes the queue.
    public var servesHTTP: Bool { self != .confirmWorker }

    /// The ALB path prefix routed to this service (`/public/*`, `/confirm/*`).
    public var pathPrefix: String? {
        switch self {
        case .publicAPI: return "/public"
        case .confirmAPI: return "/confirm"
        case .confirmWorker: return nil
        }
    }

    /// What the image's `healthcheck` subcommand (the container health check) asks on the
    /// service's port; for the worker, the only HTTP path it has.
    public var containerHealthPath: String { ContainerHealthPath.of(service: rawValue)! }

    public var description: String { rawValue }

    public static func < (lhs: ServiceName, rhs: ServiceName) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
