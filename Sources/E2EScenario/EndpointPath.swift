import Foundation

/// Joins a base URL (which may end in a path prefix) with a contract path and query, without
/// Foundation's relative-URL rules dropping the prefix.
enum EndpointPath {
    static func join(_ base: URL, _ path: String, query: [(String, String)] = []) -> URL {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += path
        if !query.isEmpty {
            text += "?" + query.map { "\($0.0)=\(percentEncode($0.1))" }.joined(separator: "&")
        }
        return URL(string: text)!
    }

    /// A Location header: absolute as is, otherwise appended to the base (its path prefix kept).
    static func resolve(_ location: String, against base: URL) -> URL? {
        if let url = URL(string: location), url.scheme != nil { return url }
        guard location.hasPrefix("/") else { return nil }
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + location)
    }

    static func percentEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
