/// Percent-encoding as SigV4 defines it: every byte outside the RFC 3986 unreserved set
/// (`A-Z a-z 0-9 - . _ ~`) becomes `%XX` with uppercase hex. Query keys and values, the
/// credential and the signed-headers list use it as is; the path also keeps `/`.
///
/// Clients building wire URLs should use the same functions, so that what they send is
/// already canonical and the server's canonicalisation cannot disagree with ours.
public enum SigV4PercentEncoding {
    private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// A 256-entry table: `true` for bytes that are sent literally.
    private static let unreserved: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = true }
        for byte in "-._~".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// Whether `byte` is in the RFC 3986 unreserved set.
    public static func isUnreserved(_ byte: UInt8) -> Bool { unreserved[Int(byte)] }

    /// Encodes the UTF-8 bytes of `text`; with `keepSlash`, `/` stays literal (paths).
    public static func encode(_ text: String, keepSlash: Bool = false) -> String {
        String(decoding: encode(bytes: Array(text.utf8), keepSlash: keepSlash), as: UTF8.self)
    }

    /// `name=value&…` with both sides encoded, in the given order: a query string or a form body
    /// that is already canonical.
    public static func encodeQuery(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { encode($0.name) + "=" + encode($0.value) }.joined(separator: "&")
    }

    /// Encodes raw bytes; the result is ASCII.
    public static func encode(bytes: [UInt8], keepSlash: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        appendEncoded(bytes, keepSlash: keepSlash, to: &out)
        return out
    }

    static func appendEncoded<Bytes: Sequence>(_ bytes: Bytes, keepSlash: Bool, to out: inout [UInt8])
    where Bytes.Element == UInt8 {
        for byte in bytes {
            if unreserved[Int(byte)] || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(upperHex[Int(byte >> 4)])
                out.append(upperHex[Int(byte & 0x0F)])
            }
        }
    }

    /// Decodes `%XX` sequences to bytes. A `%` not followed by two hex digits is kept
    /// literally (it will be re-encoded as `%25`); `+` is NOT a space (SigV4 is not form
    /// encoding).
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> [UInt8]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
