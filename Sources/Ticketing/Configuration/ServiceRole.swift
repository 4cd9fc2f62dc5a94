/// The three services built on this domain.
public enum ServiceRole: String, Codable, Sendable, CaseIterable {
    case publicAPI = "public-api"
    case confirmAPI = "confirm-api"
    case confirmWorker = "confirm-worker"
}
