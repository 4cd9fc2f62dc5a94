/// Every problem in one template (missing keys, bad tags), each as `file:line: message`.
public struct TemplateRenderError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.normalized
    }

    public var description: String { diagnostics.rendered }
}
