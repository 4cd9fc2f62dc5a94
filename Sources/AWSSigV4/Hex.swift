import Crypto

/// Lowercase hexadecimal, the only spelling SigV4 accepts for hashes and signatures.
enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// SHA-256 as lowercase hex: the hash of the payload and of the canonical request.
public enum SHA256Hex {
    /// The hash of an empty body, a constant worth not recomputing.
    public static let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    public static func digest(_ bytes: [UInt8]) -> String {
        bytes.isEmpty ? empty : Hex.encode(SHA256.hash(data: bytes))
    }

    public static func digest(_ text: String) -> String {
        digest(Array(text.utf8))
    }
}
