import CZlib

/// Deterministic gzip: raw deflate from the system zlib framed by a fixed header (no file
/// name, mtime 0, OS byte 3 whatever the host) and the CRC-32/size trailer, so the same tar
/// bytes always give the same compressed bytes and therefore the same layer digest.
final class GzipCompressor: ByteSink {
    private let downstream: any ByteSink
    private let stream: UnsafeMutablePointer<z_stream>
    private var output = [UInt8](repeating: 0, count: 128 * 1024)
    private var crc: uLong = crc32(0, nil, 0)
    private var inputSize: UInt64 = 0
    private var headerWritten = false
    private var finished = false

    /// The fixed 10-byte member header: magic, deflate, no flags, mtime 0, no extra flags, Unix.
    static let header: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]

    init(downstream: any ByteSink, level: Int32 = 6) throws {
        self.downstream = downstream
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = czlib_deflate_init_raw(stream, level)
        guard status == Z_OK else {
            stream.deallocate()
            throw ContainerImageError.compression("deflateInit2 failed (\(status))")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        try writeHeaderOnce()
        let base = bytes.baseAddress!.assumingMemoryBound(to: Bytef.self)
        crc = crc32(crc, base, uInt(bytes.count))
        inputSize &+= UInt64(bytes.count)
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
        stream.pointee.avail_in = uInt(bytes.count)
        while stream.pointee.avail_in > 0 {
            try deflateStep(flush: Z_NO_FLUSH)
        }
    }

    func finish() throws {
        guard !finished else { return }
        finished = true
        try writeHeaderOnce()
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        while try deflateStep(flush: Z_FINISH) != Z_STREAM_END {}
        var trailer: [UInt8] = []
        trailer.reserveCapacity(8)
        let crcValue = UInt32(truncatingIfNeeded: crc)
        let sizeValue = UInt32(truncatingIfNeeded: inputSize)
        for shift in stride(from: 0, to: 32, by: 8) { trailer.append(UInt8(truncatingIfNeeded: crcValue >> UInt32(shift))) }
        for shift in stride(from: 0, to: 32, by: 8) { trailer.append(UInt8(truncatingIfNeeded: sizeValue >> UInt32(shift))) }
        try downstream.write(trailer)
        try downstream.finish()
    }

    private func writeHeaderOnce() throws {
        guard !headerWritten else { return }
        headerWritten = true
        try downstream.write(Self.header)
    }

    @discardableResult
    private func deflateStep(flush: Int32) throws -> Int32 {
        let capacity = output.count
        let (status, produced) = output.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
            stream.pointee.next_out = buffer.baseAddress
            stream.pointee.avail_out = uInt(capacity)
            let status = deflate(stream, flush)
            return (status, capacity - Int(stream.pointee.avail_out))
        }
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
            throw ContainerImageError.compression("deflate failed (\(status))")
        }
        if produced > 0 {
            try output.withUnsafeBytes { try downstream.write(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) }
        }
        return status
    }
}
