import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Why an XML body could not be read.
public struct XMLTreeParseError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "malformed XML at line \(line): \(reason)" }
}

extension XMLTree {
    /// Parses an XML document into its root element.
    public init(parsing bytes: some Collection<UInt8>) throws {
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        guard ok, let root = builder.root else {
            throw XMLTreeParseError(
                line: parser.lineNumber,
                reason: builder.failure ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "no root element")
        }
        self = root
    }

    public init(parsing text: String) throws {
        try self.init(parsing: Array(text.utf8))
    }
}

/// SAX-to-tree glue for `XMLParser`; lives only for one parse.
private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [XMLTree] = []
    var root: XMLTree?
    var failure: String?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        stack.append(XMLTree(Self.localName(elementName), attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard var finished = stack.popLast() else { return }
        // Whitespace between child elements is layout, not data.
        if !finished.children.isEmpty, finished.text.allSatisfy(\.isWhitespace) { finished.text = "" }
        if stack.isEmpty {
            root = finished
        } else {
            stack[stack.count - 1].children.append(finished)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        failure = failure ?? "\(parseError.localizedDescription)"
    }

    private static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }
}
