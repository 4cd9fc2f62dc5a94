/// What a written layer is known by: its compressed digest and size (manifest) and the
/// digest of its uncompressed tar (the config's diff ID).
public struct LayerBlob: Sendable, Equatable {
    public let digest: Digest
    public let size: Int64
    public let diffID: Digest
    public let uncompressedSize: Int64
}

/// Writes a gzip-compressed tar layer into a layout's blob directory in one streaming pass:
/// tar → SHA-256 (diff ID) → gzip → SHA-256 (digest) → temp file → renamed to its digest.
struct LayerWriter {
    let mtime: Int64
    let compressionLevel: Int32

    func write(_ entries: [TarEntry], into layout: ImageLayoutDirectory) throws -> LayerBlob {
        let temporary = layout.temporaryBlobPath()
        let file = try FileOutput(creating: temporary)
        let compressed = DigestingSink(downstream: file)
        let gzip = try GzipCompressor(downstream: compressed, level: compressionLevel)
        let uncompressed = DigestingSink(downstream: gzip)
        do {
            try DeterministicTarWriter(mtime: mtime).write(entries, to: uncompressed)
        } catch {
            unlink(temporary)
            throw error
        }
        let digest = compressed.digest!
        try layout.commitBlob(temporary: temporary, digest: digest)
        return LayerBlob(digest: digest, size: compressed.byteCount, diffID: uncompressed.digest!, uncompressedSize: uncompressed.byteCount)
    }
}
