#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Writes a file so readers see either the old or the new content, never a torn one, and a
/// crash never leaves a half-written file: temp file in the same directory, fsync, rename,
/// fsync of the directory.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o644) throws(AtomicWriteError) {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw AtomicWriteError(path: directory.path, operation: "create directory", code: errno)
        }
        let temp = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw AtomicWriteError(path: temp.path, operation: "create", code: errno) }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        do throws(AtomicWriteError) {
            try writeAll(fd, data, path: temp.path)
            guard fsync(fd) == 0 else { throw AtomicWriteError(path: temp.path, operation: "fsync", code: errno) }
            closed = true
            guard close(fd) == 0 else { throw AtomicWriteError(path: temp.path, operation: "close", code: errno) }
            guard rename(temp.path, url.path) == 0 else {
                throw AtomicWriteError(path: url.path, operation: "rename", code: errno)
            }
        } catch {
            unlink(temp.path)
            throw error
        }
        syncDirectory(directory)
    }

    private static func writeAll(_ fd: Int32, _ data: Data, path: String) throws(AtomicWriteError) {
        var failure: Int32 = 0
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure != 0 { throw AtomicWriteError(path: path, operation: "write", code: failure) }
    }

    /// Makes the rename durable; best effort (not every filesystem supports it).
    private static func syncDirectory(_ directory: URL) {
        let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

/// Names the file and the system call that failed.
public struct AtomicWriteError: Error, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let code: Int32

    public var description: String { "\(path): \(operation) failed: \(String(cString: strerror(code)))" }
}
