/// A request body of the contract: decoded strictly (every field required, no unknown field,
/// as `additionalProperties: false` says) and then checked field by field.
public protocol ValidatableRequest: Codable, Sendable {
    /// Every JSON member the schema allows; all of them are required.
    static var fieldNames: [String] { get }
    /// The bad fields, each named; empty when the request is valid.
    func validationProblems() -> [FieldProblem]
}

extension ValidatableRequest {
    /// Self, or a 400 problem listing every bad field.
    public func validated() throws(Problem) -> Self {
        let problems = validationProblems()
        if problems.isEmpty { return self }
        throw Problem.validation(problems)
    }
}
