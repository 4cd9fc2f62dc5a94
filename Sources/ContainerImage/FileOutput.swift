/// A buffered, write-only file: the last stage of the layer pipeline.
final class FileOutput: ByteSink {
    let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 256 * 1024

    init(creating path: String, mode: mode_t = 0o644) throws {
        self.path = path
        descriptor = try posixCheck(open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode), "open", path)
        buffer.reserveCapacity(bufferLimit)
    }

    deinit { if descriptor >= 0 { _ = Glibc.close(descriptor) } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > bufferLimit { try flush() }
        if bytes.count >= bufferLimit {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    func finish() throws { try close() }

    func close() throws {
        guard descriptor >= 0 else { return }
        try flush()
        let result = Glibc.close(descriptor)
        descriptor = -1
        try posixCheck(result, "close", path)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ContainerImageError.io(path: path, operation: "write", errno: errno)
            }
            offset += written
        }
    }
}
