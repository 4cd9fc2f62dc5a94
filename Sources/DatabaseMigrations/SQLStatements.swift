/// Splits a SQL script into statements at top-level semicolons. postgres-nio speaks only the
/// extended query protocol, which takes one statement per message, so a migration file is sent
/// statement by statement (inside one transaction). Quotes, dollar quotes and comments are
/// respected so a `;` inside them does not split.
enum SQLStatements {
    static func split(_ script: String) -> [String] {
        let chars = Array(script.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var hasCode = false
        var i = 0
        func flush() {
            if hasCode {
                let text = String(current).trimmingWhitespace()
                if !text.isEmpty { statements.append(text) }
            }
            current = String.UnicodeScalarView()
            hasCode = false
        }
        while i < chars.count {
            let c = chars[i]
            let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == "-" && next == "-" {
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "/" && next == "*" {
                var depth = 1
                i += 2
                while i < chars.count && depth > 0 {
                    if chars[i] == "*" && i + 1 < chars.count && chars[i + 1] == "/" { depth -= 1; i += 2 }
                    else if chars[i] == "/" && i + 1 < chars.count && chars[i + 1] == "*" { depth += 1; i += 2 }
                    else { i += 1 }
                }
                current.append(" ")
                continue
            }
            if c == ";" {
                flush()
                i += 1
                continue
            }
            if c == "'" || c == "\"" {
                let quote = c
                current.append(c)
                i += 1
                while i < chars.count {
                    current.append(chars[i])
                    if chars[i] == quote {
                        if i + 1 < chars.count && chars[i + 1] == quote { current.append(chars[i + 1]); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                hasCode = true
                continue
            }
            if c == "$", let tagEnd = dollarTagEnd(chars, from: i) {
                let tag = Array(chars[i...tagEnd])
                var j = tagEnd + 1
                var closed = chars.count
                while j + tag.count <= chars.count {
                    if Array(chars[j..<(j + tag.count)]) == tag { closed = j + tag.count; break }
                    j += 1
                }
                for k in i..<min(closed, chars.count) { current.append(chars[k]) }
                i = closed
                hasCode = true
                continue
            }
            current.append(c)
            if !c.properties.isWhitespace { hasCode = true }
            i += 1
        }
        flush()
        return statements
    }

    /// For `$tag$` or `$$` starting at `start`, the index of the closing `$` of the tag.
    private static func dollarTagEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var j = start + 1
        while j < chars.count {
            let c = chars[j]
            if c == "$" { return j }
            guard c == "_" || (c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c))) else { return nil }
            if j == start + 1 && ("0"..."9").contains(c) { return nil }
            j += 1
        }
        return nil
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
