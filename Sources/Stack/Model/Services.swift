/// The three services, always all present (defaults fill what the stack file leaves out).
public struct Services: Sendable, Equatable {
    public var publicAPI: ServiceConfig
    public var confirmAPI: ServiceConfig
    public var confirmWorker: ServiceConfig

    public init(publicAPI: ServiceConfig = .defaults(for: .publicAPI),
                confirmAPI: ServiceConfig = .defaults(for: .confirmAPI),
                confirmWorker: ServiceConfig = .defaults(for: .confirmWorker)) {
        self.publicAPI = publicAPI
        self.confirmAPI = confirmAPI
        self.confirmWorker = confirmWorker
    }

    public subscript(name: ServiceName) -> ServiceConfig {
        get {
            switch name {
            case .publicAPI: return publicAPI
            case .confirmAPI: return confirmAPI
            case .confirmWorker: return confirmWorker
            }
        }
        set {
            switch name {
            case .publicAPI: publicAPI = newValue
            case .confirmAPI: confirmAPI = newValue
            case .confirmWorker: confirmWorker = newValue
            }
        }
    }

    /// In `ServiceName.allCases` order.
    public var all: [ServiceConfig] { ServiceName.allCases.map { self[$0] } }
}
