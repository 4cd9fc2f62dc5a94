/// A value a template can insert: text, numbers, booleans, lists and objects (for `| json`).
public enum TemplateValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case array([TemplateValue])
    case object([String: TemplateValue])
    case null

    /// The value at a dotted path (`service.port`) below an object; nil when absent.
    func lookup(_ path: [Substring]) -> TemplateValue? {
        guard let first = path.first else { return self }
        guard case .object(let members) = self, let member = members[String(first)] else { return nil }
        return member.lookup(Array(path.dropFirst()))
    }

    /// Compact JSON with object keys sorted, so the same values always render the same bytes.
    /// nil for non-finite numbers, which JSON cannot express.
    var json: String? {
        switch self {
        case .string(let text): return Self.quoted(text)
        case .integer(let value): return String(value)
        case .number(let value): return Self.numberText(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            let parts = items.map(\.json)
            guard !parts.contains(where: { $0 == nil }) else { return nil }
            return "[" + parts.map { $0! }.joined(separator: ",") + "]"
        case .object(let members):
            var parts: [String] = []
            for key in members.keys.sorted() {
                guard let value = members[key]!.json else { return nil }
                parts.append(Self.quoted(key) + ":" + value)
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
    }

    /// The text inserted by a plain `{{ key }}`; nil for lists, objects and null.
    var plainText: String? {
        switch self {
        case .string(let text): return text
        case .integer(let value): return String(value)
        case .number(let value): return Self.numberText(value)
        case .bool(let value): return value ? "true" : "false"
        case .array, .object, .null: return nil
        }
    }

    var kindName: String {
        switch self {
        case .string: return "a string"
        case .integer, .number: return "a number"
        case .bool: return "a boolean"
        case .array: return "a list"
        case .object: return "an object"
        case .null: return "null"
        }
    }

    private static func numberText(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
