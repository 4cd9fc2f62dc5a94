/// The second line of the canonical request: the request path, optionally normalized and
/// encoded once more.
///
/// The path given is the wire path (already percent-encoded by the client). Services other
/// than S3 canonicalise it by encoding it again ("double encoding"): `%` becomes `%25`, any
/// raw reserved character becomes `%XX`. S3 signs the wire path exactly as sent.
enum CanonicalURI {
    static func make(path: Substring, normalize: Bool, encode: Bool) -> String {
        let normalized = normalize ? removeDotSegments(path) : String(path)
        let nonEmpty = normalized.isEmpty ? "/" : normalized
        return encode ? SigV4PercentEncoding.encode(nonEmpty, keepSlash: true) : nonEmpty
    }

    /// RFC 3986 §5.2.4 dot-segment removal, plus the collapsing of empty segments (`//`)
    /// that AWS services apply. A leading `/` is kept, and a trailing `/` is kept when a
    /// segment remains before it: `/a/b/../c/` → `/a/c/`, `//x//` → `/x/`, `/a/..` → `/`.
    /// Segments are compared as written: an encoded `%2E%2E` is a name, not `..`.
    static func removeDotSegments(_ path: Substring) -> String {
        guard !path.isEmpty else { return "" }
        var kept: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !kept.isEmpty { kept.removeLast() }
            default: kept.append(segment)
            }
        }
        var result = path.first == "/" ? "/" : ""
        result += kept.joined(separator: "/")
        if path.last == "/" && !kept.isEmpty { result += "/" }
        return result
    }
}
