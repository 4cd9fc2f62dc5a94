#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One writer at a time in `infra/out`. The lock file appears atomically with its full content
/// (written to a temp file, then `link`ed into place, which fails if it exists — the O_EXCL
/// guarantee without a window where the file is empty). A lock is stale when its pid is gone on
/// this host or when it is older than `staleAfter`; only `forceUnlock` takes a stale lock over.
public final class StateLock: Sendable {
    public let path: String
    public let info: LockInfo
    private let released = LockedFlag()

    private init(path: String, info: LockInfo) {
        self.path = path
        self.info = info
    }

    /// Takes the lock in `directory` (created if needed) for `command`.
    public static func acquire(
        in directory: URL, command: String, forceUnlock: Bool = false, staleAfter: Duration = .seconds(12 * 3600)
    ) throws(LockError) -> StateLock {
        let path = directory.appendingPathComponent(".lock").path
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .io(path: directory.path, operation: "create directory", code: errno)
        }
        let info = LockInfo(
            owner: currentUser(), pid: getpid(), host: currentHost(),
            time: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)), command: command,
            token: UUID().uuidString)
        for _ in 0..<3 {
            if try link(info, at: path) {
                let lock = StateLock(path: path, info: info)
                HeldLocks.shared.add(lock)
                return lock
            }
            guard let holder = try read(path) else { continue }  // released meanwhile: retry
            let stale = staleness(of: holder, bound: staleAfter)
            guard forceUnlock else { throw .held(holder, path: path, stale: stale) }
            if stale == nil, holder.host == info.host { throw .holderAlive(holder, path: path) }
            try breakLock(holder, at: path)
        }
        throw .unreadable(path: path, reason: "lock changed hands repeatedly while acquiring")
    }

    /// Who holds the lock in `directory`, if anyone.
    public static func holder(in directory: URL) throws(LockError) -> LockInfo? {
        try read(directory.appendingPathComponent(".lock").path)
    }

    /// Removes the lock if it is still ours. Safe to call more than once, from any thread
    /// (a signal handler's queue included).
    public func release() {
        guard released.set() else { return }
        HeldLocks.shared.remove(self)
        if let current = try? Self.read(path), current.token == info.token { unlink(path) }
    }

    /// Why `holder` may be taken over, or nil while it looks alive.
    public static func staleness(of holder: LockInfo, bound: Duration) -> StaleReason? {
        if holder.host == currentHost(), !processAlive(holder.pid) { return .processGone }
        let age = Duration.seconds(Date().timeIntervalSince(holder.time))
        return age > bound ? .tooOld(age) : nil
    }

    /// Writes `info` to a temp file and links it to `path`; false when `path` exists.
    private static func link(_ info: LockInfo, at path: String) throws(LockError) -> Bool {
        let temp = "\(path).\(info.token)"
        let data: Data
        do { data = try StateStore.encoder.encode(info) } catch {
            throw .unreadable(path: path, reason: "cannot encode lock: \(error)")
        }
        do { try AtomicFile.write(data, to: URL(fileURLWithPath: temp)) } catch {
            throw .io(path: temp, operation: error.operation, code: error.code)
        }
        defer { unlink(temp) }
        if systemLink(temp, path) == 0 { return true }
        if errno == EEXIST { return false }
        throw .io(path: path, operation: "link", code: errno)
    }

    private static func read(_ path: String) throws(LockError) -> LockInfo? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do { return try StateStore.decoder.decode(LockInfo.self, from: data) } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    /// Moves the stale lock aside and checks it was the one judged stale; puts back a lock that
    /// another process took in between.
    private static func breakLock(_ stale: LockInfo, at path: String) throws(LockError) {
        let aside = "\(path).broken-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard rename(path, aside) == 0 else {
            if errno == ENOENT { return }
            throw .io(path: path, operation: "rename", code: errno)
        }
        defer { unlink(aside) }
        guard let moved = try? read(aside), moved.token != stale.token else { return }
        if systemLink(aside, path) != 0, errno != EEXIST { throw .io(path: path, operation: "restore", code: errno) }
        throw .held(moved, path: path, stale: nil)
    }

    static func processAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    static func currentHost() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func currentUser() -> String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid \(getuid())"
    }
}

#if canImport(Glibc)
private let systemLink = Glibc.link
#elseif canImport(Darwin)
private let systemLink = Darwin.link
#endif

/// A flag set once, thread-safely.
final class LockedFlag: @unchecked Sendable {
    private let mutex = NSLock()
    private var value = false

    /// Sets the flag; true if this call set it.
    func set() -> Bool {
        mutex.lock()
        defer { mutex.unlock() }
        if value { return false }
        value = true
        return true
    }
}

/// The locks this process holds, released on `exit` and on a second interrupt.
final class HeldLocks: @unchecked Sendable {
    static let shared: HeldLocks = {
        let registry = HeldLocks()
        atexit { HeldLocks.shared.releaseAll() }
        return registry
    }()

    private let mutex = NSLock()
    private var locks: [ObjectIdentifier: StateLock] = [:]

    func add(_ lock: StateLock) {
        mutex.lock()
        locks[ObjectIdentifier(lock)] = lock
        mutex.unlock()
    }

    func remove(_ lock: StateLock) {
        mutex.lock()
        locks[ObjectIdentifier(lock)] = nil
        mutex.unlock()
    }

    func releaseAll() {
        mutex.lock()
        let held = Array(locks.values)
        mutex.unlock()
        for lock in held { lock.release() }
    }
}
