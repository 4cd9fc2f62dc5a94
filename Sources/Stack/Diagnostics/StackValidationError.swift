/// Everything wrong with a stack file, found in one pass so the user can fix all of it at once.
public struct StackValidationError: Error, Sendable, CustomStringConvertible {
    /// Sorted by line; never empty.
    public let diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.normalized
    }

    /// One `file:line: message` per line.
    public var description: String { diagnostics.rendered }
}
