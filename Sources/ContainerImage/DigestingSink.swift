import Crypto

/// Passes bytes through while computing their SHA-256 and counting them, so a layer's
/// diff ID (uncompressed) and digest (compressed) come out of the same single pass.
final class DigestingSink: ByteSink {
    private let downstream: any ByteSink
    private var hasher = SHA256()
    private(set) var byteCount: Int64 = 0
    private(set) var digest: Digest?

    init(downstream: any ByteSink) {
        self.downstream = downstream
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bufferPointer: bytes)
        byteCount += Int64(bytes.count)
        try downstream.write(bytes)
    }

    func finish() throws {
        digest = Digest(hasher.finalize())
        try downstream.finish()
    }
}
