/// One-shot gzip of an in-memory payload through the same compressor and decompressor the
/// layers use; for callers outside the layer pipeline (the local CloudFront data plane).
public enum Gzip {
    public static func compress(_ bytes: UnsafeRawBufferPointer, level: Int32 = 6) throws -> [UInt8] {
        let collector = ByteCollector(reservingCapacity: bytes.count / 3 + 64)
        let gzip = try GzipCompressor(downstream: collector, level: level)
        try gzip.write(bytes)
        try gzip.finish()
        return collector.bytes
    }

    public static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        let collector = ByteCollector(reservingCapacity: bytes.count * 4)
        let gunzip = try GzipDecompressor(downstream: collector)
        try gunzip.write(bytes)
        try gunzip.finish()
        return collector.bytes
    }
}
