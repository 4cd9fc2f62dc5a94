import Hummingbird
import Ticketing

/// Request bodies must be declared `application/json` (a `charset=utf-8` parameter allowed).
/// An HTML form can only post `text/plain`, `application/x-www-form-urlencoded` or
/// `multipart/form-data` without a CORS preflight, so refusing every other type keeps a
/// cross-site form from posting to the API. Checked where a body is read (not in a router
/// middleware), so a wrong method still answers 405 and a missing token 401 first.
public enum JSONMediaType {
    /// Throws 415 problem unless the request's Content-Type is JSON.
    public static func require(_ request: Request) throws {
        let value = request.headers[.contentType]
        guard accepts(value) else {
            let shown = value.map { "'\($0.prefix(80))'" } ?? "missing"
            throw Problem(.unsupportedMediaType, detail: "Content-Type is \(shown); send application/json")
        }
    }

    /// `application/json`, any case, optionally with `charset=utf-8` (quoted or not); nothing else.
    public static func accepts(_ value: String?) -> Bool {
        guard let value else { return false }
        // What clients send: checked byte by byte, as splitting and trimming cost 7 % of a hold.
        if isPlainJSON(value) { return true }
        let parts = value.split(separator: ";", omittingEmptySubsequences: false)
            .map { $0.trimmingWhitespace().lowercased() }
        guard parts.first == "application/json" else { return false }
        return parts.dropFirst().allSatisfy { parameter in
            guard let equals = parameter.firstIndex(of: "=") else { return false }
            let name = parameter[..<equals].trimmingWhitespace()
            var charset = parameter[parameter.index(after: equals)...].trimmingWhitespace()
            if charset.count >= 2, charset.hasPrefix("\""), charset.hasSuffix("\"") { charset = String(charset.dropFirst().dropLast()) }
            return name == "charset" && (charset == "utf-8" || charset == "utf8")
        }
    }

    private static let plainJSON = Array("application/json".utf8)

    /// Exactly `application/json`, ASCII letters in any case.
    static func isPlainJSON(_ value: String) -> Bool {
        value.utf8.elementsEqual(plainJSON) { byte, expected in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 == expected : byte == expected
        }
    }
}
