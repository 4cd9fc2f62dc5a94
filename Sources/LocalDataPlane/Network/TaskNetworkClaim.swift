import Foundation

/// A running data plane's exclusive claim on one naming's namespaces and host links.
///
/// "Sweep what a dead run left" is only safe when the run is really dead: without a claim, a
/// second checkout's `local-dataplane` start (or `scripts/local-dataplane stop`) took a live
/// demo's `tpsdp-` namespaces for leftovers and SIGKILLed every one of its tasks at once.
/// The claim is an exclusive `flock` on `<directory>/<namespace prefix>lock`, held for the data
/// plane's whole life; the kernel drops it when the process dies, however it dies, so the next
/// start can sweep. The file holds the holder's pid, for the refusal message only.
public final class TaskNetworkClaim: @unchecked Sendable {
    public let naming: TaskNetwork.Naming
    /// The open lock file; -1 once released. Only `release` and `deinit` change it.
    private var descriptor: Int32

    /// Where claims live: host-wide, because namespaces and links are (not per checkout).
    public static let defaultDirectory = "/run/tpsctl"

    private init(naming: TaskNetwork.Naming, descriptor: Int32) {
        self.naming = naming
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Takes the claim, or throws naming the live process that holds it. Never waits: two data
    /// planes with the same names on one host are a mistake to report, not to queue.
    public static func acquire(_ naming: TaskNetwork.Naming, directory: String = defaultDirectory) throws -> TaskNetworkClaim {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + naming.namespacePrefix + "lock"
        // O_CLOEXEC: tasks are this process's children; a lock they inherited would outlive
        // the data plane and keep the next start from sweeping them.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DataPlaneError.network("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            let holder = Self.recordedHolder(descriptor)
            close(descriptor)
            guard reason == EWOULDBLOCK else {
                throw DataPlaneError.network("cannot lock \(path): \(String(cString: strerror(reason)))")
            }
            throw DataPlaneError.network("the \(naming.namespacePrefix) namespaces belong to a running local data plane"
                + (holder.map { " (pid \($0))" } ?? "") + "; stop it first, or give this one other names")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return TaskNetworkClaim(naming: naming, descriptor: descriptor)
    }

    /// Removes every namespace (killing what runs in it) and host link with the claim's
    /// prefixes; returns how many namespaces went. Safe: no live data plane owns them.
    @discardableResult
    public func sweep() throws -> Int {
        precondition(descriptor >= 0, "sweep after release")
        return try TaskNetwork.sweep(naming)
    }

    /// Lets the next data plane with these names start (closing the file drops the lock).
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    private static func recordedHolder(_ descriptor: Int32) -> pid_t? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return pid_t(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
