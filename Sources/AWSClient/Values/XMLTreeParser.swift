/// Why an XML body could not be read.
public struct XMLTreeParseError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "malformed XML at line \(line): \(reason)" }
}

extension XMLTree {
    /// Parses an XML document into its root element.
    ///
    /// The project reads its own XML instead of using FoundationXML: that module links libxml2
    /// (and through it ICU's data), which would more than double the service images. AWS answers
    /// are plain documents — elements, attributes, character data, CDATA, the five predefined
    /// entities and character references — so that is what this reader accepts. Document type
    /// declarations are refused rather than interpreted, so no entity is ever expanded or fetched.
    public init(parsing bytes: some Collection<UInt8>) throws {
        var reader = XMLReader(Array(bytes))
        self = try reader.document()
    }

    public init(parsing text: String) throws {
        try self.init(parsing: Array(text.utf8))
    }
}

/// A single-pass reader over the document's UTF-8 bytes.
private struct XMLReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws -> XMLTree {
        try skipMisc()
        guard peek(0) == ascii("<") else { throw failure("no root element") }
        let root = try element()
        try skipMisc()
        guard position == bytes.count else { throw failure("content after the root element") }
        return root
    }

    // MARK: Elements

    /// Reads `<name attr="v">…</name>` or `<name/>`, the reader standing on its `<`.
    private mutating func element() throws -> XMLTree {
        position += 1
        let qualifiedName = try name()
        var element = XMLTree(Self.localName(qualifiedName))
        while true {
            skipWhitespace()
            guard let byte = peek(0) else { throw failure("unterminated start tag <\(qualifiedName)>") }
            if byte == ascii("/") {
                guard peek(1) == ascii(">") else { throw failure("expected '>' after '/' in <\(qualifiedName)>") }
                position += 2
                return element
            }
            if byte == ascii(">") {
                position += 1
                break
            }
            let attribute = try name()
            skipWhitespace()
            guard peek(0) == ascii("=") else { throw failure("attribute \(attribute) has no value") }
            position += 1
            skipWhitespace()
            element.attributes[attribute] = try quotedValue()
        }
        try content(of: &element, qualifiedName: qualifiedName)
        // Whitespace between child elements is layout, not data.
        if !element.children.isEmpty, element.text.allSatisfy(\.isWhitespace) { element.text = "" }
        return element
    }

    /// Reads children and character data up to and including the matching end tag.
    private mutating func content(of element: inout XMLTree, qualifiedName: String) throws {
        var text: [UInt8] = []
        while let byte = peek(0) {
            guard byte == ascii("<") else {
                if byte == ascii("&") { text.append(contentsOf: try reference()) } else { text.append(byte); position += 1 }
                continue
            }
            if starts(with: "</") {
                position += 2
                let closing = try name()
                guard closing == qualifiedName else {
                    throw failure("end tag </\(closing)> does not match <\(qualifiedName)>")
                }
                skipWhitespace()
                guard peek(0) == ascii(">") else { throw failure("unterminated end tag </\(closing)>") }
                position += 1
                element.text = String(decoding: text, as: UTF8.self)
                return
            } else if starts(with: "<![CDATA[") {
                position += 9
                text.append(contentsOf: try through("]]>", what: "CDATA section"))
            } else if starts(with: "<!--") {
                position += 4
                _ = try through("-->", what: "comment")
            } else if starts(with: "<?") {
                position += 2
                _ = try through("?>", what: "processing instruction")
            } else if starts(with: "<!") {
                throw failure("declarations are not allowed inside an element")
            } else {
                element.children.append(try self.element())
            }
        }
        throw failure("element <\(qualifiedName)> is never closed")
    }

    // MARK: Lexical pieces

    /// Whitespace, comments and processing instructions (the XML declaration among them)
    /// around the root element.
    private mutating func skipMisc() throws {
        while true {
            skipWhitespace()
            if starts(with: "<?") {
                position += 2
                _ = try through("?>", what: "processing instruction")
            } else if starts(with: "<!--") {
                position += 4
                _ = try through("-->", what: "comment")
            } else if starts(with: "<!") {
                throw failure("document type declarations are not accepted")
            } else {
                return
            }
        }
    }

    private mutating func name() throws -> String {
        let start = position
        while let byte = peek(0), !Self.endsName(byte) { position += 1 }
        guard position > start else { throw failure("expected a name") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func quotedValue() throws -> String {
        guard let quote = peek(0), quote == ascii("\"") || quote == ascii("'") else {
            throw failure("attribute value is not quoted")
        }
        position += 1
        var value: [UInt8] = []
        while let byte = peek(0) {
            if byte == quote {
                position += 1
                return String(decoding: value, as: UTF8.self)
            }
            if byte == ascii("<") { throw failure("'<' inside an attribute value") }
            if byte == ascii("&") { value.append(contentsOf: try reference()) } else { value.append(byte); position += 1 }
        }
        throw failure("unterminated attribute value")
    }

    /// Decodes `&name;` or `&#…;` at the reader into UTF-8.
    private mutating func reference() throws -> [UInt8] {
        let start = position + 1
        guard let end = bytes[start...].prefix(12).firstIndex(of: ascii(";")) else {
            throw failure("unterminated entity reference")
        }
        let name = String(decoding: bytes[start..<end], as: UTF8.self)
        position = end + 1
        switch name {
        case "lt": return [ascii("<")]
        case "gt": return [ascii(">")]
        case "amp": return [ascii("&")]
        case "quot": return [ascii("\"")]
        case "apos": return [ascii("'")]
        default:
            let scalar: UInt32?
            if name.hasPrefix("#x") { scalar = UInt32(name.dropFirst(2), radix: 16) }
            else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst(), radix: 10) }
            else { scalar = nil }
            guard let scalar, let character = Unicode.Scalar(scalar) else {
                throw failure("unknown entity &\(name);")
            }
            return Array(String(Character(character)).utf8)
        }
    }

    /// The bytes up to `terminator`, leaving the reader after it.
    private mutating func through(_ terminator: String, what: String) throws -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count {
            if starts(with: terminator) {
                let body = bytes[start..<position]
                position += terminator.utf8.count
                return body
            }
            position += 1
        }
        position = start
        throw failure("unterminated \(what)")
    }

    private mutating func skipWhitespace() {
        while let byte = peek(0), Self.isWhitespace(byte) { position += 1 }
    }

    private func starts(with literal: String) -> Bool {
        var index = position
        for byte in literal.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    private func peek(_ offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private func failure(_ reason: String) -> XMLTreeParseError {
        let line = 1 + bytes[..<min(position, bytes.count)].lazy.filter { $0 == ascii("\n") }.count
        return XMLTreeParseError(line: line, reason: reason)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || byte == ascii("/") || byte == ascii(">") || byte == ascii("=") || byte == ascii("<")
    }

    private static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }
}

private func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(character.value) }
