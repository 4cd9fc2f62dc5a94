/// FNV-1a over UTF-8: tiny and stable across processes and platforms (unlike `Hasher`), so
/// the local addresses derived from ARNs and IDs agree between the stages and the data plane.
enum StableHash {
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
