#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// SIGINT/SIGTERM handling for long commands: the first signal cancels the operation (nothing
/// new starts, in-flight steps end, `defer`s release the lock); a second one releases every
/// held lock at once and exits with 130.
public enum Interrupts {
    public static func cancelling<Value: Sendable>(
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let task = Task { try await operation() }
        let signals = [SIGINT, SIGTERM]
        let queue = DispatchQueue(label: "tpsctl.interrupts")
        let received = SignalCounter()
        let sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if received.increment() == 1 {
                    task.cancel()
                } else {
                    HeldLocks.shared.releaseAll()
                    exit(130)
                }
            }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
            for number in signals { signal(number, SIG_DFL) }
        }
        return try await task.value
    }
}

/// Counts signals received; touched only on the handlers' serial queue.
private final class SignalCounter: @unchecked Sendable {
    private var count = 0

    func increment() -> Int {
        count += 1
        return count
    }
}

extension StateLock {
    /// Holds the lock while `body` runs and releases it however `body` ends.
    public static func withLock<Value: Sendable>(
        in directory: URL, command: String, forceUnlock: Bool = false, _ body: () async throws -> Value
    ) async throws -> Value {
        let lock = try acquire(in: directory, command: command, forceUnlock: forceUnlock)
        defer { lock.release() }
        return try await body()
    }
}
