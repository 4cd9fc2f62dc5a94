import Foundation
import Yams

/// The only way to obtain a `Stack` from a file: read, parse, decode, validate, and either
/// return a stack that every later stage can trust or throw every problem at once
/// (DESIGN invariant 7: validate everything before the first mutation).
public enum StackLoader {
    /// Loads and validates the stack file at `path`; errors name `path` as given.
    public static func load(path: String) throws(StackValidationError) -> Stack {
        try loadMapped(path: path).stack
    }

    /// Loads like `load(path:)`, keeping where each value is in the file.
    public static func loadMapped(path: String) throws(StackValidationError) -> (stack: Stack, source: StackSourceMap) {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw StackValidationError(diagnostics: [
                    Diagnostic(file: path, location: .fileStart, message: "the stack file is not UTF-8 text"),
                ])
            }
            text = decoded
        } catch let error as StackValidationError {
            throw error
        } catch {
            throw StackValidationError(diagnostics: [
                Diagnostic(file: path, location: .fileStart, message: "cannot read the stack file: \(readFailure(error))"),
            ])
        }
        return try loadMapped(yaml: text, file: path)
    }

    /// Validates stack YAML held in memory; `file` is the name used in diagnostics.
    public static func load(yaml: String, file: String) throws(StackValidationError) -> Stack {
        try loadMapped(yaml: yaml, file: file).stack
    }

    /// Validates stack YAML held in memory, keeping where each value is.
    public static func loadMapped(yaml: String, file: String) throws(StackValidationError)
        -> (stack: Stack, source: StackSourceMap) {
        let sink = DiagnosticSink(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw StackValidationError(diagnostics: [syntaxDiagnostic(error, file: file)])
        }
        guard let root else {
            throw StackValidationError(diagnostics: [
                Diagnostic(file: file, location: .fileStart, message: "the stack file is empty"),
            ])
        }
        guard let decoded = StackDecoder(sink: sink).decode(root) else {
            throw StackValidationError(diagnostics: sink.diagnostics)
        }
        StackValidator(sink: sink).validate(decoded)
        guard sink.diagnostics.isEmpty else {
            throw StackValidationError(diagnostics: sink.diagnostics)
        }
        return (decoded.stack, sink.sourceMap)
    }

    /// A YAML syntax error as one `file:line: message` (libyaml's wording, without its snippet).
    private static func syntaxDiagnostic(_ error: any Error, file: String) -> Diagnostic {
        guard let yamlError = error as? YamlError else {
            return Diagnostic(file: file, location: .fileStart, message: "invalid YAML: \(error)")
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) (line \($0.mark.line)), " } ?? ""
            return Diagnostic(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(prefix)\(problem)")
        default:
            let firstLine = String(describing: yamlError).split(separator: "\n").first.map(String.init) ?? "unreadable"
            return Diagnostic(file: file, location: .fileStart, message: "invalid YAML: \(firstLine)")
        }
    }

    private static func readFailure(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
    }
}
