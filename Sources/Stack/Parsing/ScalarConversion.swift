import Yams

/// Strict conversions of YAML scalars to Swift values.
///
/// Numbers and booleans must be written unquoted and in plain decimal/`true`/`false` form:
/// YAML 1.1's `yes`, `0x1F` or `1e3` are rejected rather than silently reinterpreted.
/// Strings take the scalar's text verbatim, so `engineVersion: 16.10` stays "16.10".
enum ScalarConversion {
    static func string(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, !node.isNull else { return nil }
        return scalar.string
    }

    static func integer(_ node: Node) -> Int? {
        guard let text = node.plainText, isDecimalInteger(text) else { return nil }
        return Int(text)
    }

    static func decimal(_ node: Node) -> Double? {
        guard let text = node.plainText else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, isDecimalInteger(String(parts[0])) else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        }
        return Double(text)
    }

    static func boolean(_ node: Node) -> Bool? {
        switch node.plainText {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    private static func isDecimalInteger(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.count <= 18 && digits.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
