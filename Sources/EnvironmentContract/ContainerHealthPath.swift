/// The path each service's `healthcheck` subcommand — the task definition's container health
/// check — asks on the service's own port. One table for both sides, so `tpsctl verify-image`
/// probes what ECS probes, the worker (no load-balancer health path) included.
public enum ContainerHealthPath {
    /// The path for a service named as in the stack and the images (`public-api`, …); nil for
    /// a name that is not one of the three services.
    public static func of(service name: String) -> String? {
        switch name {
        case "public-api": "/public/ping"
        case "confirm-api": "/confirm/health"
        case "confirm-worker": "/health"
        default: nil
        }
    }
}
