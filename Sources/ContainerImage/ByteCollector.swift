/// The end of a pipeline that keeps the bytes in memory, for payloads small enough to hold.
final class ByteCollector: ByteSink {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }

    func finish() throws {}
}
