/// A stage of a streaming pipeline (tar → digest → gzip → digest → file). Each stage hands
/// bytes downstream as they come, so a layer is never held in memory.
protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Flushes whatever the stage buffers and finishes the stages downstream.
    func finish() throws
}

extension ByteSink {
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}
