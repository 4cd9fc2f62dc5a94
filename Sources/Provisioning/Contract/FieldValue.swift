/// A field's value in canonical text form: what the plan prints and what the state records.
/// Comparing canonical text keeps diffs independent of how each resource models its fields.
public enum FieldValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case known(String)
    case knownAfterApply

    /// The JSON-like rendering; `(known after apply)` for unknown values.
    public var description: String {
        switch self {
        case let .known(text): text
        case .knownAfterApply: "(known after apply)"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .knownAfterApply : .known(try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .known(text): try container.encode(text)
        case .knownAfterApply: try container.encodeNil()
        }
    }
}

/// Types a resource compares field by field. Sets and dictionaries render sorted, so their
/// order never shows up as a change.
public protocol FieldValueConvertible: Sendable {
    var fieldValue: FieldValue { get }
}

extension String: FieldValueConvertible {
    public var fieldValue: FieldValue { .known(FieldText.quoted(self)) }
}

extension Int: FieldValueConvertible {
    public var fieldValue: FieldValue { .known(String(self)) }
}

extension Bool: FieldValueConvertible {
    public var fieldValue: FieldValue { .known(self ? "true" : "false") }
}

extension Double: FieldValueConvertible {
    public var fieldValue: FieldValue { .known(String(self)) }
}

extension Array: FieldValueConvertible where Element: FieldValueConvertible {
    public var fieldValue: FieldValue { FieldText.list(map(\.fieldValue)) }
}

extension Set: FieldValueConvertible where Element: FieldValueConvertible {
    public var fieldValue: FieldValue {
        let values = map(\.fieldValue)
        if values.contains(.knownAfterApply) { return .knownAfterApply }
        return FieldText.list(values.sorted { $0.description < $1.description })
    }
}

extension Dictionary: FieldValueConvertible where Key == String, Value: FieldValueConvertible {
    public var fieldValue: FieldValue {
        var parts: [String] = []
        for key in keys.sorted() {
            guard case let .known(text) = self[key]!.fieldValue else { return .knownAfterApply }
            parts.append("\(FieldText.quoted(key)) = \(text)")
        }
        return .known("{" + parts.joined(separator: ", ") + "}")
    }
}

extension Optional: FieldValueConvertible where Wrapped: FieldValueConvertible {
    public var fieldValue: FieldValue { self?.fieldValue ?? .known("null") }
}

extension FieldValue: FieldValueConvertible {
    public var fieldValue: FieldValue { self }
}

enum FieldText {
    /// A JSON string literal, so values with quotes or newlines stay on one line.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A list is unknown as a whole when any element is.
    static func list(_ values: [FieldValue]) -> FieldValue {
        var parts: [String] = []
        for value in values {
            guard case let .known(text) = value else { return .knownAfterApply }
            parts.append(text)
        }
        return .known("[" + parts.joined(separator: ", ") + "]")
    }
}
