import ArgumentParser
import Stack

/// `--service public-api|confirm-api|confirm-worker`.
extension ServiceName: ExpressibleByArgument, FlagValue {
    public init?(argument: String) { try? self.init(flagValue: argument) }

    init(flagValue text: String) throws(FlagValueRefusal) {
        guard let name = ServiceName(rawValue: text) else {
            let known = ServiceName.allCases.map(\.rawValue).joined(separator: ", ")
            throw FlagValueRefusal("'\(text)' is not a service (expected one of \(known))")
        }
        self = name
    }
}

extension ServiceName {
    /// The service `--service` named, else every service.
    static func selected(_ service: ServiceName?) -> [ServiceName] { service.map { [$0] } ?? allCases }
}
