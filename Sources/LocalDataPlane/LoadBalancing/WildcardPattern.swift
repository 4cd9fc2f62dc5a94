/// An ALB condition pattern: `*` matches any run of characters (also none), `?` exactly one.
/// Path patterns are case-sensitive, host patterns are not. Works on UTF-8 bytes, so a request
/// is matched without building a String.
public struct WildcardPattern: Sendable, Hashable {
    let bytes: [UInt8]
    let caseSensitive: Bool

    public init(_ pattern: String, caseSensitive: Bool) {
        bytes = Array(caseSensitive ? pattern.utf8 : pattern.lowercased().utf8)
        self.caseSensitive = caseSensitive
    }

    public func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { matches($0) }
    }

    /// Greedy with one backtrack point (the last `*`): linear for typical patterns, never exponential.
    public func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = 0, t = 0
        var star = -1, resume = 0
        while t < text.count {
            let character = caseSensitive ? text[t] : Self.lower(text[t])
            if p < bytes.count && (bytes[p] == UInt8(ascii: "?") || bytes[p] == character) {
                p += 1
                t += 1
            } else if p < bytes.count && bytes[p] == UInt8(ascii: "*") {
                star = p
                resume = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < bytes.count && bytes[p] == UInt8(ascii: "*") { p += 1 }
        return p == bytes.count
    }

    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
