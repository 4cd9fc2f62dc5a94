import CBrotli

/// One-shot Brotli through the system library. Quality 5: CloudFront compresses on the fly
/// too, and the result is cached, so a fast setting pays off on every miss.
enum BrotliEncoding {
    static let quality: Int32 = 5

    static func compress(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        var size = BrotliEncoderMaxCompressedSize(bytes.count)
        guard size > 0 else { return nil }
        var output = [UInt8](repeating: 0, count: size)
        let ok = output.withUnsafeMutableBufferPointer { out in
            BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, bytes.count,
                                  bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), &size, out.baseAddress)
        }
        guard ok == BROTLI_TRUE else { return nil }
        output.removeSubrange(size...)
        return output
    }
}
