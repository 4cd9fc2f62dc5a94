import Foundation

/// The content of `infra/out/.lock`: who holds it, so a refused command can say so.
public struct LockInfo: Sendable, Hashable, Codable, CustomStringConvertible {
    public let owner: String
    public let pid: Int32
    public let host: String
    public let time: Date
    public let command: String
    /// Distinguishes this acquisition from a later one by the same pid.
    public let token: String

    public init(owner: String, pid: Int32, host: String, time: Date, command: String, token: String) {
        self.owner = owner
        self.pid = pid
        self.host = host
        self.time = time
        self.command = command
        self.token = token
    }

    public var description: String {
        "\(owner) (pid \(pid) on \(host), '\(command)' since \(Self.timeText(time)))"
    }

    static func timeText(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// Why a held lock can be taken over.
public enum StaleReason: Sendable, Hashable, CustomStringConvertible {
    /// The holder ran on this host and its pid is gone.
    case processGone
    /// Older than the bound, wherever it was taken.
    case tooOld(Duration)

    public var description: String {
        switch self {
        case .processGone: "its process is no longer running"
        case let .tooOld(age): "it is \(DurationText.short(age)) old"
        }
    }
}

/// Why the lock was not acquired; one line naming the holder and what to do.
public enum LockError: Error, CustomStringConvertible {
    case held(LockInfo, path: String, stale: StaleReason?)
    case holderAlive(LockInfo, path: String)
    case unreadable(path: String, reason: String)
    case io(path: String, operation: String, code: Int32)

    public var description: String {
        switch self {
        case let .held(info, path, stale?):
            "\(path): held by \(info), but stale (\(stale)); rerun with --force-unlock to take it over"
        case let .held(info, path, nil):
            "\(path): another tpsctl holds the lock: \(info); wait for it to finish"
        case let .holderAlive(info, path):
            "\(path): refusing --force-unlock: the holder \(info) is still running on this host"
        case let .unreadable(path, reason):
            "\(path): lock file unreadable (\(reason)); remove it by hand if no tpsctl runs"
        case let .io(path, operation, code):
            "\(path): \(operation) failed: \(String(cString: strerror(code)))"
        }
    }
}
