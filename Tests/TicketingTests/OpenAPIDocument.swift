import Foundation
import Testing
import Ticketing
import Yams

/// openapi/ticketing.yaml, loaded with Yams, with just enough JSON Schema (the subset the
/// contract uses) to check the Swift models' JSON against it.
struct OpenAPIDocument {
    let root: [String: Any]

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let path = packageRoot.appendingPathComponent("openapi/ticketing.yaml")

    static func load() throws -> OpenAPIDocument {
        let text = try String(contentsOf: path, encoding: .utf8)
        let root = try #require(try Yams.load(yaml: text) as? [String: Any], "\(path.path) is not a YAML mapping")
        return OpenAPIDocument(root: root)
    }

    var schemas: [String: Any] { ((root["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:] }
    var paths: [String: Any] { (root["paths"] as? [String: Any]) ?? [:] }

    func schema(_ name: String) throws -> [String: Any] {
        try #require(schemas[name] as? [String: Any], "no schema \(name) in the contract")
    }

    func operation(_ path: String, _ method: String) throws -> [String: Any] {
        let item = try #require(paths[path] as? [String: Any], "no path \(path) in the contract")
        return try #require(item[method] as? [String: Any], "no \(method) \(path) in the contract")
    }

    /// Follows `$ref` (local references only) until a plain object remains.
    func resolve(_ node: Any?) -> [String: Any] {
        guard var object = node as? [String: Any] else { return [:] }
        while let ref = object["$ref"] as? String, ref.hasPrefix("#/") {
            var current: Any? = root
            for part in ref.dropFirst(2).split(separator: "/") {
                current = (current as? [String: Any])?[String(part)]
            }
            object = current as? [String: Any] ?? [:]
        }
        return object
    }

    /// The operation's parameters, resolved.
    func parameters(of operation: [String: Any]) -> [[String: Any]] {
        ((operation["parameters"] as? [Any]) ?? []).map(resolve)
    }

    // MARK: JSON Schema subset

    /// Every way `value` breaks `schema`, each prefixed with its JSON path; empty when it conforms.
    func violations(of value: RequestJSON, against node: Any?, at path: String = "$") -> [String] {
        let schema = resolve(node)
        var found: [String] = []
        if let types = typeNames(schema["type"]), !types.contains(where: { matches(value, type: $0) }) {
            return ["\(path): is \(value.typeName), schema wants \(types.joined(separator: "|"))"]
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { equal(value, $0) }) {
            found.append("\(path): \(value) is not one of \(options)")
        }
        if let constant = schema["const"], !equal(value, constant) {
            found.append("\(path): \(value) is not \(constant)")
        }
        switch value {
        case .string(let text):
            if let max = schema["maxLength"] as? Int, text.count > max { found.append("\(path): longer than \(max)") }
            if let min = schema["minLength"] as? Int, text.count < min { found.append("\(path): shorter than \(min)") }
            if let pattern = schema["pattern"] as? String, !matches(text, pattern: pattern) {
                found.append("\(path): \"\(text)\" does not match \(pattern)")
            }
            if let format = schema["format"] as? String, !matches(text, format: format) {
                found.append("\(path): \"\(text)\" is not a \(format)")
            }
        case .integer(let number):
            if let min = schema["minimum"] as? Int, number < Int64(min) { found.append("\(path): below \(min)") }
            if let max = schema["maximum"] as? Int, number > Int64(max) { found.append("\(path): above \(max)") }
        case .array(let items):
            if let min = schema["minItems"] as? Int, items.count < min { found.append("\(path): fewer than \(min) items") }
            if let max = schema["maxItems"] as? Int, items.count > max { found.append("\(path): more than \(max) items") }
            if schema["uniqueItems"] as? Bool == true, Set(items).count != items.count {
                found.append("\(path): items repeat")
            }
            for (index, item) in items.enumerated() {
                found += violations(of: item, against: schema["items"], at: "\(path)[\(index)]")
            }
        case .object(let members):
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in (schema["required"] as? [String] ?? []) where members[name] == nil {
                found.append("\(path): missing required \(name)")
            }
            if let namePattern = resolve(schema["propertyNames"])["pattern"] as? String {
                for name in members.keys where !matches(name, pattern: namePattern) {
                    found.append("\(path): member name \(name) does not match \(namePattern)")
                }
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] {
                    found += violations(of: member, against: property, at: "\(path).\(name)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): \(name) is not a property of the schema")
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    found += violations(of: member, against: extra, at: "\(path).\(name)")
                }
            }
        default:
            break
        }
        return found
    }

    private func typeNames(_ node: Any?) -> [String]? {
        if let one = node as? String { return [one] }
        return node as? [String]
    }

    private func matches(_ value: RequestJSON, type: String) -> Bool {
        switch (value, type) {
        case (.null, "null"), (.bool, "boolean"), (.integer, "integer"), (.integer, "number"),
             (.number, "number"), (.string, "string"), (.array, "array"), (.object, "object"): true
        default: false
        }
    }

    private func equal(_ value: RequestJSON, _ yaml: Any) -> Bool {
        switch value {
        case .string(let text): (yaml as? String) == text
        case .bool(let flag): (yaml as? Bool) == flag
        case .integer(let number): (yaml as? Int).map(Int64.init) == number
        default: false
        }
    }

    func matches(_ text: String, pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else {
            Issue.record("the contract's pattern \(pattern) is not a valid regular expression")
            return false
        }
        return text.contains(regex)
    }

    private func matches(_ text: String, format: String) -> Bool {
        switch format {
        case "date-time": ISO8601DateFormatter().date(from: text) != nil
        case "uuid": UUID(uuidString: text) != nil
        case "uri": URLComponents(string: text)?.scheme != nil
        case "uri-reference": URLComponents(string: text) != nil
        default: true
        }
    }
}

extension RequestJSON {
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    var objectKeys: Set<String> {
        if case .object(let members) = self { return Set(members.keys) }
        return []
    }
}
