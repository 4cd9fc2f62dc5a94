/// Client tokens (ClientToken, CallerReference, …) derived from stack, region, resource and a
/// salt, so a retried or resumed create is the same create. Change the salt (e.g. a hash of the
/// immutable fields) when a replacement must not be answered with the deleted original.
public enum IdempotencyToken {
    /// 32 lowercase hex characters (two FNV-1a 64-bit hashes with different offsets):
    /// short enough for every AWS token field (EC2 allows 64, CloudFront 128).
    public static func derive(stack: String, address: ResourceAddress, salt: String = "") -> String {
        let material = [stack, address.description, salt].joined(separator: "\u{1F}")
        let bytes = Array(material.utf8)
        return hex(fnv1a(bytes, offset: 0xcbf2_9ce4_8422_2325)) + hex(fnv1a(bytes, offset: 0x8422_2325_cbf2_9ce4))
    }

    private static func fnv1a(_ bytes: [UInt8], offset: UInt64) -> UInt64 {
        var hash = offset
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
