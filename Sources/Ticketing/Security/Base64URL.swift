import FoundationEssentials

/// base64url without padding (RFC 4648 §5), the alphabet of tokens in URLs and headers.
public enum Base64URL {
    public static func encode(_ data: some DataProtocol) -> String {
        String(Data(data).base64EncodedString().compactMap { character -> Character? in
            switch character {
            case "+": "-"
            case "/": "_"
            case "=": nil
            default: character
            }
        })
    }

    /// Nil unless `text` is unpadded base64url.
    public static func decode(_ text: some StringProtocol) -> Data? {
        guard text.utf8.count % 4 != 1, text.utf8.allSatisfy(FieldRules.isIdentifierByte) else { return nil }
        var standard = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        standard += String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4)
        return Data(base64Encoded: standard)
    }
}
