/// One invalid field, header or parameter of a request, named the way the client sent it
/// (`seatIds[2]`, `Idempotency-Key`, `token`), so the client can point at it.
public struct FieldProblem: Codable, Sendable, Hashable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
