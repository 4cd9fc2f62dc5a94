/// A read-only file read in chunks, sequentially or at offsets (ELF parsing, blob uploads).
final class FileInput {
    let path: String
    private var descriptor: Int32

    init(path: String) throws {
        self.path = path
        descriptor = try posixCheck(open(path, O_RDONLY | O_CLOEXEC), "open", path)
    }

    deinit { close() }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    var size: Int64 {
        get throws {
            var info = stat()
            try posixCheck(fstat(descriptor, &info), "fstat", path)
            return Int64(info.st_size)
        }
    }

    /// Reads up to `buffer.count` bytes from the current position; 0 means end of file.
    func read(into buffer: inout [UInt8]) throws -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            return try posixCheck(count, "read", path)
        }
    }

    /// Reads exactly `count` bytes at `offset`, or fewer at end of file.
    func read(at offset: Int64, count: Int) throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = result.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(offset) + off_t(filled)) }
            if got < 0 && errno == EINTR { continue }
            try posixCheck(got, "read", path)
            if got == 0 { break }
            filled += got
        }
        return filled == count ? result : Array(result[0..<filled])
    }
}
