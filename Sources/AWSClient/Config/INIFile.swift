import FoundationEssentials

/// One `key = value` of an INI section, with its indented sub-properties
/// (`dynamodb =\n  endpoint_url = …` in a `[services …]` section).
public struct INIProperty: Sendable, Equatable {
    public var value: String
    public var line: Int
    public var subProperties: [String: String]
}

/// One `[header]` and its properties. Repeated headers merge; a later key wins.
public struct INISection: Sendable, Equatable {
    /// The header's text between the brackets, trimmed: `default`, `profile dev`, `services local`.
    public var name: String
    public var line: Int
    public var properties: [String: INIProperty]
}

/// The AWS shared config/credentials file format: `[section]` headers, `key = value`
/// properties, `#`/`;` comments, and indented continuation lines.
public struct INIFile: Sendable, Equatable {
    /// The path as shown in messages (`~/.aws/config`).
    public var displayPath: String
    public var sections: [String: INISection]

    public func section(_ name: String) -> INISection? { sections[name] }

    /// Parses `text`; a line that fits none of the forms throws `malformedFile` with its line.
    public init(parsing text: String, displayPath: String) throws {
        self.displayPath = displayPath
        self.sections = [:]
        var sectionName: String?
        var propertyKey: String?

        func fail(_ line: Int, _ reason: String) -> AWSConfigurationError {
            .malformedFile(path: displayPath, line: line, reason: reason)
        }

        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }

            let indented = line.first == " " || line.first == "\t"
            if indented, let section = sectionName, let key = propertyKey {
                // A continuation: a sub-property under an empty value, else more value text.
                var property = sections[section]!.properties[key]!
                if property.value.isEmpty || !property.subProperties.isEmpty {
                    guard let equals = trimmed.firstIndex(of: "=") else {
                        throw fail(lineNumber, "expected 'key = value' in the sub-properties of '\(key)'")
                    }
                    let subKey = trimmed[..<equals].trimmingWhitespace()
                    guard !subKey.isEmpty else { throw fail(lineNumber, "expected 'key = value'") }
                    property.subProperties[subKey] = Self.value(after: equals, in: trimmed)
                } else {
                    property.value += "\n" + trimmed
                }
                sections[section]!.properties[key] = property
                continue
            }

            if trimmed.hasPrefix("[") {
                let header = Self.stripComment(trimmed)
                guard header.hasSuffix("]"), header.count >= 2 else {
                    throw fail(lineNumber, "expected ']' to close the section header")
                }
                let name = header.dropFirst().dropLast().trimmingWhitespace()
                guard !name.isEmpty else { throw fail(lineNumber, "empty section name '[]'") }
                let normalized = name.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
                if sections[normalized] == nil {
                    sections[normalized] = INISection(name: normalized, line: lineNumber, properties: [:])
                }
                sectionName = normalized
                propertyKey = nil
                continue
            }

            guard let section = sectionName else {
                throw fail(lineNumber, "expected a '[section]' header before 'key = value'")
            }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw fail(lineNumber, "expected 'key = value'")
            }
            let key = trimmed[..<equals].trimmingWhitespace()
            guard !key.isEmpty else { throw fail(lineNumber, "expected 'key = value' (missing key before '=')") }
            sections[section]!.properties[key] = INIProperty(
                value: Self.value(after: equals, in: trimmed), line: lineNumber, subProperties: [:])
            propertyKey = key
        }
    }

    /// Reads and parses the file at `path`; a missing file reads as empty (the SDKs' rule).
    public static func load(path: String, displayPath: String) throws -> INIFile {
        guard FileManager.default.fileExists(atPath: path) else {
            return try INIFile(parsing: "", displayPath: displayPath)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AWSConfigurationError.unreadableFile(path: displayPath, reason: "\(error)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AWSConfigurationError.unreadableFile(path: displayPath, reason: "not UTF-8 text")
        }
        return try INIFile(parsing: text, displayPath: displayPath)
    }

    /// The value after `=`, trimmed, without a trailing comment (`#`/`;` after whitespace).
    private static func value(after equals: String.Index, in line: String) -> String {
        stripComment(line[line.index(after: equals)...].trimmingWhitespace())
    }

    /// Drops a comment that starts with whitespace then `#` or `;`.
    private static func stripComment(_ text: String) -> String {
        var previous: Character = "x"
        for index in text.indices {
            let character = text[index]
            if (character == "#" || character == ";") && (previous == " " || previous == "\t") {
                return text[..<index].trimmingWhitespace()
            }
            previous = character
        }
        return text
    }
}
