import NIOCore

/// A byte range of a file as an async sequence of buffers, read as the upload consumes it:
/// the request body of a PATCH chunk, streamed from disk.
struct FileRegionSequence: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let path: String
    let offset: Int64
    let length: Int64
    var readSize = 256 * 1024

    struct AsyncIterator: AsyncIteratorProtocol {
        let path: String
        var position: Int64
        let end: Int64
        let readSize: Int
        var input: FileInput?

        mutating func next() async throws -> ByteBuffer? {
            guard position < end else {
                input?.close()
                return nil
            }
            if input == nil { input = try FileInput(path: path) }
            let count = Int(Swift.min(Int64(readSize), end - position))
            let bytes = try input!.read(at: position, count: count)
            guard bytes.count == count else {
                throw ContainerImageError.fileChanged(path: path, expected: end, actual: position + Int64(bytes.count))
            }
            position += Int64(count)
            return ByteBuffer(bytes: bytes)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(path: path, position: offset, end: offset + length, readSize: readSize, input: nil)
    }
}
