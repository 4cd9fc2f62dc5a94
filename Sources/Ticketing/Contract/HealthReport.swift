/// `GET /public/health`, `GET /confirm/health`: one state per dependency; 503 when any fails.
public struct HealthReport: Codable, Sendable, Hashable {
    public let service: ServiceRole
    public let status: HealthState
    public let checks: [String: HealthState]

    /// The overall status is `ok` only when every check is.
    public init(service: ServiceRole, checks: [String: HealthState]) {
        self.service = service
        self.checks = checks
        self.status = checks.values.allSatisfy { $0 == .ok } ? .ok : .fail
    }

    public var httpStatus: Int { status == .ok ? 200 : 503 }
}

/// One dependency's (or the whole service's) health.
public enum HealthState: String, Codable, Sendable, CaseIterable {
    case ok, fail
}
