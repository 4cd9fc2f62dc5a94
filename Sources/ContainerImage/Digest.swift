import Crypto

/// A content digest as registries and OCI layouts spell it (`sha256:<64 hex>`).
/// Only SHA-256 is produced or accepted: it is what every registry we target uses.
public struct Digest: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The 64 lowercase hex characters.
    public let hex: String

    public init(hex: String) throws {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw ContainerImageError.invalidDigest(hex)
        }
        self.hex = hex
    }

    /// Parses `sha256:<hex>`.
    public init(parsing text: String) throws {
        guard text.hasPrefix("sha256:") else { throw ContainerImageError.invalidDigest(text) }
        try self.init(hex: String(text.dropFirst("sha256:".count)))
    }

    init(_ digest: SHA256.Digest) {
        self.hex = digest.map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }

    /// The digest of bytes held in memory (manifests, configs: small by construction).
    public static func of(_ bytes: some Sequence<UInt8>) -> Digest {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return Digest(hasher.finalize())
    }

    public var description: String { "sha256:" + hex }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.hex < rhs.hex }
}
