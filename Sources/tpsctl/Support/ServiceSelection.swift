import Stack

/// `--service S` checked against the stack's service names; none given means all of them.
enum ServiceSelection {
    static func parse(_ argument: String?) throws -> [ServiceName] {
        guard let argument else { return ServiceName.allCases }
        guard let name = ServiceName(rawValue: argument) else {
            let known = ServiceName.allCases.map(\.rawValue).joined(separator: ", ")
            throw BuildCommandError("--service: '\(argument)' is not a service (expected one of \(known))")
        }
        return [name]
    }
}
