import CZlib

/// Streaming gunzip for pulled layers; hands the tar bytes to the next stage.
final class GzipDecompressor: ByteSink {
    private let downstream: any ByteSink
    private let stream: UnsafeMutablePointer<z_stream>
    private var output = [UInt8](repeating: 0, count: 128 * 1024)
    private var ended = false

    init(downstream: any ByteSink) throws {
        self.downstream = downstream
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = czlib_inflate_init_auto(stream)
        guard status == Z_OK else {
            stream.deallocate()
            throw ContainerImageError.compression("inflateInit2 failed (\(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        guard !ended else { throw ContainerImageError.compression("data after the end of the gzip stream") }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(bytes.count)
        var outputFull = false
        while (stream.pointee.avail_in > 0 || outputFull) && !ended {
            let capacity = output.count
            let (status, produced) = output.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(capacity)
                let status = inflate(stream, Z_NO_FLUSH)
                return (status, capacity - Int(stream.pointee.avail_out))
            }
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw ContainerImageError.compression("corrupt data (inflate \(status))")
            }
            if produced > 0 {
                try output.withUnsafeBytes { try downstream.write(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) }
            }
            if status == Z_STREAM_END { ended = true }
            if status == Z_BUF_ERROR && produced == 0 { break }
            outputFull = produced == capacity
        }
    }

    func finish() throws {
        guard ended else { throw ContainerImageError.compression("truncated stream") }
        try downstream.finish()
    }
}
