import Yams

/// Reads the keys of one YAML mapping into typed values, reporting wrong types, missing
/// required keys and (on `finish()`) every key nobody asked for, with a "did you mean".
///
/// Each accessor registers its key as known, so the set of valid keys is exactly the set the
/// decoder reads: adding a field to the model cannot forget to allow its key.
final class MappingReader {
    let path: String
    let location: SourceLocation
    let sink: DiagnosticSink
    private let entries: [Entry]
    private var known: [String] = []
    private var forbidden: [String: String] = [:]

    private struct Entry {
        let key: String
        let keyLocation: SourceLocation
        let value: Node
    }

    /// Fails (and reports) when the node is not a mapping.
    init?(_ node: Node, path: String, sink: DiagnosticSink) {
        self.path = path
        self.sink = sink
        self.location = node.location
        guard case .mapping(let mapping) = node else {
            sink.fail(path.isEmpty ? "top level" : path, "expected a mapping, got \(node.kindDescription)",
                      at: node.location)
            sink.markFailed(path)
            return nil
        }
        var entries: [Entry] = []
        var firstLine: [String: Int] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                sink.error("\(Self.describe(path)): keys must be plain names, got \(keyNode.kindDescription)",
                           at: keyNode.location)
                continue
            }
            if let line = firstLine[scalar.string] {
                sink.error("\(Self.join(path, scalar.string)): duplicate key (first at line \(line))",
                           at: keyNode.location)
                continue
            }
            firstLine[scalar.string] = keyNode.location.line
            entries.append(Entry(key: scalar.string, keyLocation: keyNode.location, value: value))
        }
        self.entries = entries
        sink.record(path, at: location)
    }

    /// The path of a key below this mapping.
    func childPath(_ key: String) -> String { Self.join(path, key) }

    /// The keys present in the file, in file order (for mappings keyed by names, like `tags`).
    var presentKeys: [String] { entries.map(\.key) }

    func has(_ key: String) -> Bool { entries.contains { $0.key == key && !$0.value.isNull } }

    /// A key that is accepted by the schema of a sibling but not here, with the reason why.
    func forbid(_ key: String, because reason: String) {
        forbidden[key] = reason
    }

    /// The raw node of `key` (registering it); nil when absent or null, reporting if required.
    func node(_ key: String, required: Bool = false) -> Node? {
        known.append(key)
        guard let entry = entries.first(where: { $0.key == key }) else {
            if required {
                sink.error("\(Self.describe(path)): missing required key '\(key)'", at: location)
                sink.markFailed(childPath(key))
            }
            return nil
        }
        sink.record(childPath(key), at: entry.value.isNull ? entry.keyLocation : entry.value.location)
        if entry.value.isNull {
            if required {
                sink.fail(childPath(key), "needs a value", at: entry.keyLocation)
            }
            return nil
        }
        return entry.value
    }

    /// Reads `key` with `convert`; a nil conversion is a type error naming `expected`, a
    /// message from `check` is a value error. Either marks the path failed and returns nil.
    func read<T>(_ key: String, required: Bool, expected: String,
                 _ convert: (Node) -> T?, check: (T) -> String? = { _ in nil }) -> T? {
        guard let node = node(key, required: required) else { return nil }
        guard let value = convert(node) else {
            sink.fail(childPath(key), "expected \(expected), got \(node.kindDescription)", at: node.location)
            return nil
        }
        if let problem = check(value) {
            sink.fail(childPath(key), problem, at: node.location)
            return nil
        }
        return value
    }

    func string(_ key: String, required: Bool = false, check: ((String) -> String?)? = nil) -> String? {
        read(key, required: required, expected: "a string", ScalarConversion.string, check: check ?? { _ in nil })
    }

    func integer(_ key: String, in range: ClosedRange<Int>? = nil, required: Bool = false) -> Int? {
        read(key, required: required, expected: "an integer", ScalarConversion.integer) { value in
            guard let range, !range.contains(value) else { return nil }
            return "must be between \(range.lowerBound) and \(range.upperBound), got \(value)"
        }
    }

    func decimal(_ key: String, required: Bool = false, check: ((Double) -> String?)? = nil) -> Double? {
        read(key, required: required, expected: "a number", ScalarConversion.decimal, check: check ?? { _ in nil })
    }

    /// A PEM file of CA certificates (`CABundleFile`), resolved against the stack file's
    /// directory; `hint` is added to the error (where to get the file).
    func caBundle(_ key: String, hint: String = "") -> String? {
        read(key, required: false, expected: "a file path", ScalarConversion.string) { path in
            CABundleFile.problem(atPath: CABundleFile.resolve(path, stackFile: sink.file)).map { $0 + hint }
        }.map { CABundleFile.resolve($0, stackFile: sink.file) }
    }

    func boolean(_ key: String, required: Bool = false) -> Bool? {
        read(key, required: required, expected: "true or false", ScalarConversion.boolean)
    }

    /// One of an enumeration's raw values, listing them all when the value is not one.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type,
                                                   required: Bool = false) -> E? where E.RawValue == String {
        let names = E.allCases.map(\.rawValue)
        let node = node(key, required: required)
        guard let node else { return nil }
        guard let text = ScalarConversion.string(node) else {
            sink.fail(childPath(key), "expected one of \(names.joined(separator: ", ")), got \(node.kindDescription)",
                      at: node.location)
            return nil
        }
        guard let value = E(rawValue: text) else {
            sink.fail(childPath(key), "'\(text)' is not one of \(names.joined(separator: ", "))"
                      + KeySuggester.hint(for: text, among: names), at: node.location)
            return nil
        }
        return value
    }

    /// A nested mapping; nil (reported) when absent-but-required or not a mapping.
    func mapping(_ key: String, required: Bool = false) -> MappingReader? {
        guard let node = node(key, required: required) else { return nil }
        return MappingReader(node, path: childPath(key), sink: sink)
    }

    /// The items of a list with their paths (`key[0]`, `key[1]`, ...).
    func sequence(_ key: String, required: Bool = false) -> [(node: Node, path: String)]? {
        guard let node = node(key, required: required) else { return nil }
        guard case .sequence(let items) = node else {
            sink.fail(childPath(key), "expected a list, got \(node.kindDescription)", at: node.location)
            return nil
        }
        return items.enumerated().map { index, item in
            let itemPath = "\(childPath(key))[\(index)]"
            sink.record(itemPath, at: item.location)
            return (item, itemPath)
        }
    }

    /// A list of strings (a container command, say).
    func stringList(_ key: String, required: Bool = false) -> [String]? {
        guard let items = sequence(key, required: required) else { return nil }
        var values: [String] = []
        for (item, itemPath) in items {
            guard let text = ScalarConversion.string(item) else {
                sink.fail(itemPath, "expected a string, got \(item.kindDescription)", at: item.location)
                sink.markFailed(childPath(key))
                continue
            }
            values.append(text)
        }
        return sink.isFailed(childPath(key)) ? nil : values
    }

    /// A mapping of free-form names to strings (tags, environment variables); each name and
    /// value is checked by the given closures, which return a message for a bad one.
    func stringMap(_ key: String, checkKey: (String) -> String? = { _ in nil },
                   checkValue: (String, String) -> String? = { _, _ in nil }) -> [String: String]? {
        guard let reader = mapping(key) else { return nil }
        var values: [String: String] = [:]
        for name in reader.presentKeys {
            let entryPath = reader.childPath(name)
            if let problem = checkKey(name) {
                sink.fail(entryPath, problem, at: reader.keyLocation(name))
                continue
            }
            if let value = reader.read(name, required: true, expected: "a string", ScalarConversion.string,
                                       check: { checkValue(name, $0) }) {
                values[name] = value
            }
        }
        return values
    }

    func keyLocation(_ key: String) -> SourceLocation {
        entries.first { $0.key == key }?.keyLocation ?? location
    }

    /// Reports every key present but never read (with a suggestion) or forbidden here.
    func finish() {
        for entry in entries where !known.contains(entry.key) {
            if let reason = forbidden[entry.key] {
                sink.error("\(childPath(entry.key)): \(reason)", at: entry.keyLocation)
            } else {
                sink.error("unknown key '\(entry.key)' " + (path.isEmpty ? "at top level" : "in \(path)")
                           + KeySuggester.hint(for: entry.key, among: known), at: entry.keyLocation)
            }
        }
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    static func describe(_ path: String) -> String {
        path.isEmpty ? "top level" : path
    }
}
