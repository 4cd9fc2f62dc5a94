import Foundation

/// Fills `{{ key }}` and `{{ key | json }}` placeholders in the files under `templates/`
/// (task definitions, IAM policies, SQL).
///
/// Deliberately tiny and strict: no logic, no loops, no re-expansion of inserted text, and a
/// missing key is an error naming the template's file and line, never an empty string that
/// would produce a subtly wrong IAM policy. Keys may be dotted paths into objects
/// (`{{ service.port }}`). `| json` inserts the value as JSON (quoted and escaped strings,
/// lists, objects); use it for anything that is not known to be plain safe text.
public enum TemplateRenderer {
    public static func render(_ template: String, file: String,
                              values: [String: TemplateValue]) throws(TemplateRenderError) -> String {
        var output = ""
        var problems: [Diagnostic] = []
        var position = (line: 1, column: 1)
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            let before = rest[..<open.lowerBound]
            output += before
            advance(&position, over: before)
            let afterOpen = rest[open.upperBound...]
            let lineEnd = afterOpen.firstIndex(of: "\n") ?? afterOpen.endIndex
            guard let close = afterOpen[..<lineEnd].range(of: "}}") else {
                problems.append(Diagnostic(file: file, line: position.line, column: position.column,
                                           message: "unterminated '{{' (no '}}' on this line)"))
                output += "{{"
                position.column += 2
                rest = afterOpen
                continue
            }
            let tag = afterOpen[..<close.lowerBound]
            switch expand(tag, values: values) {
            case .success(let text): output += text
            case .failure(let message):
                problems.append(Diagnostic(file: file, line: position.line, column: position.column, message: message))
            }
            position.column += tag.count + 4
            rest = afterOpen[close.upperBound...]
        }
        output += rest
        guard problems.isEmpty else { throw TemplateRenderError(diagnostics: problems) }
        return output
    }

    /// Renders the template file at `path` (errors name `path` as given).
    public static func render(contentsOf path: String,
                              values: [String: TemplateValue]) throws(TemplateRenderError) -> String {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw TemplateRenderError(diagnostics: [
                Diagnostic(file: path, location: .fileStart, message: "cannot read the template"),
            ])
        }
        return try render(text, file: path, values: values)
    }

    private static func advance(_ position: inout (line: Int, column: Int), over text: Substring) {
        if let lastNewline = text.lastIndex(of: "\n") {
            position.line += text.count(where: { $0 == "\n" })
            position.column = text.distance(from: lastNewline, to: text.endIndex)
        } else {
            position.column += text.count
        }
    }

    private enum Expansion {
        case success(String)
        case failure(String)
    }

    private static func expand(_ tag: Substring, values: [String: TemplateValue]) -> Expansion {
        let parts = tag.split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let key = parts[0]
        guard isKeyPath(key) else {
            return .failure("'{{\(tag)}}' is not a placeholder ({{ key }} or {{ key | json }})")
        }
        let filter = parts.count > 1 ? parts[1] : nil
        guard parts.count <= 2, filter == nil || filter == "json" else {
            return .failure("unknown filter '\(parts.dropFirst().joined(separator: " | "))' for '\(key)'; "
                + "the only filter is 'json'")
        }
        let path = key.split(separator: ".")
        guard let root = values[String(path[0])], let value = root.lookup(Array(path.dropFirst())) else {
            return .failure("missing key '\(key)'")
        }
        if filter == "json" {
            guard let json = value.json else { return .failure("'\(key)' holds a number JSON cannot express") }
            return .success(json)
        }
        guard let text = value.plainText else {
            return .failure("'\(key)' is \(value.kindName); insert it with {{ \(key) | json }}")
        }
        return .success(text)
    }

    private static func isKeyPath(_ key: String) -> Bool {
        let segments = key.split(separator: ".", omittingEmptySubsequences: false)
        return segments.allSatisfy { segment in
            guard let first = segment.first, first.isLetter || first == "_" else { return false }
            return segment.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        }
    }
}
