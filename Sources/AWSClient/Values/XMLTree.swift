/// A small XML element tree, so callers read Query, EC2 and REST-XML answers by element
/// name without a Codable type per operation. Names are local (any `prefix:` is dropped).
public struct XMLTree: Sendable, Hashable {
    public var name: String
    public var attributes: [String: String]
    public var children: [XMLTree]
    /// The character data directly inside this element (not its children's).
    public var text: String

    public init(_ name: String, attributes: [String: String] = [:], text: String = "", children: [XMLTree] = []) {
        self.name = name; self.attributes = attributes; self.text = text; self.children = children
    }

    /// A leaf element `<name>text</name>`.
    public static func leaf(_ name: String, _ text: String) -> XMLTree {
        XMLTree(name, text: text)
    }
}

// MARK: - Reading

extension XMLTree {
    /// The first direct child called `name`.
    public func child(_ name: String) -> XMLTree? {
        children.first { $0.name == name }
    }

    /// Every direct child called `name`, in document order.
    public func children(_ name: String) -> [XMLTree] {
        children.filter { $0.name == name }
    }

    /// Follows a path of child names: `tree.element("GetCallerIdentityResult", "Account")`.
    public func element(_ path: String...) -> XMLTree? {
        element(path: path)
    }

    public func element(path: [String]) -> XMLTree? {
        var current: XMLTree? = self
        for name in path { current = current?.child(name) }
        return current
    }

    /// The text at a path of child names, or `nil` when any step is missing.
    public func string(_ path: String...) -> String? {
        element(path: path)?.text
    }

    /// The first element called `name` anywhere below (depth first), e.g. a `…Result` wrapper.
    public func descendant(_ name: String) -> XMLTree? {
        for child in children {
            if child.name == name { return child }
            if let found = child.descendant(name) { return found }
        }
        return nil
    }

    /// The items of an AWS list element: its `<member>` (Query) or `<item>` (EC2) children,
    /// or every child when the list uses another item name (REST-XML).
    public func listItems() -> [XMLTree] {
        let members = children("member")
        if !members.isEmpty { return members }
        let items = children("item")
        if !items.isEmpty { return items }
        return children
    }
}

// MARK: - Writing

extension XMLTree {
    /// The element as XML text (no declaration), character data escaped.
    public func xmlString() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    /// A whole document with the `<?xml … ?>` declaration, for REST-XML request bodies.
    public func xmlDocument() -> String {
        #"<?xml version="1.0" encoding="UTF-8"?>"# + xmlString()
    }

    private func write(into out: inout String) {
        out += "<" + name
        for key in attributes.keys.sorted() {
            out += " \(key)=\"\(Self.escape(attributes[key] ?? "", quotes: true))\""
        }
        if children.isEmpty && text.isEmpty {
            out += "/>"
            return
        }
        out += ">"
        out += Self.escape(text, quotes: false)
        for child in children { child.write(into: &out) }
        out += "</" + name + ">"
    }

    static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "\r": out += "&#xD;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
