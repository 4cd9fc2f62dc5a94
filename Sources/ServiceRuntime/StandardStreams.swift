#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to stdout/stderr with `write(2)`: Foundation's `FileHandle` is Foundation proper,
/// which the service binaries do not link (image size).
public enum StandardStreams {
    /// Text on stderr: usage errors of the service's subcommands.
    public static func writeError(_ text: String) {
        Array(text.utf8).withUnsafeBytes { writeAll($0, to: 2) }
    }

    /// The whole buffer with as few `write(2)` calls as the descriptor allows, so one log line
    /// from one thread is not interleaved with another's.
    public static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) {
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, base + offset, buffer.count - offset)
            if written > 0 { offset += written } else if written < 0 && errno == EINTR { continue } else { return }
        }
    }
}
