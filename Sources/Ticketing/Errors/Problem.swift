/// The one error model of both APIs: RFC 9457 problem details (`application/problem+json`)
/// extended with a machine `code` and, for validation, the list of bad fields.
/// It is also a Swift `Error`, so domain code can `throw` exactly what the client will see.
public struct Problem: Error, Codable, Sendable, Hashable, CustomStringConvertible {
    public static let contentType = "application/problem+json"

    public let type: String
    public let title: String
    public let status: Int
    public let detail: String?
    public let instance: String?
    public let code: ErrorCode
    public let errors: [FieldProblem]?

    public init(_ code: ErrorCode, detail: String? = nil, instance: String? = nil, errors: [FieldProblem] = []) {
        self.type = code.typeURI
        self.title = code.title
        self.status = code.status
        self.detail = detail
        self.instance = instance
        self.code = code
        self.errors = errors.isEmpty ? nil : errors
    }

    /// A 400 naming every bad field; the detail repeats them so a log line alone is enough.
    public static func validation(_ errors: [FieldProblem], instance: String? = nil) -> Problem {
        let detail = errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        return Problem(.validationFailed, detail: detail, instance: instance, errors: errors)
    }

    /// The same problem, located at the request path that failed.
    public func at(_ instance: String) -> Problem {
        Problem(code, detail: detail, instance: instance, errors: errors ?? [])
    }

    public var description: String {
        "\(status) \(code.rawValue)" + (detail.map { ": \($0)" } ?? "")
    }
}
