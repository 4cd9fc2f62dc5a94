import AWSClient
import Synchronization

/// A child started with a clean signal state (`CleanProcessSpawn`). Foundation's Process passes
/// on the spawning thread's blocked-signal mask, so a service started that way never sees
/// SIGTERM and cannot show that it drains; a container runtime starts it clean, and so does this.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    private let exitStatus = Mutex<Int32?>(nil)

    /// Starts `executable` with exactly `environment`, stdin from /dev/null and stdout and
    /// stderr appended to `logPath`.
    init(executable: String, arguments: [String], environment: [String: String], logPath: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let child: pid_t
        do {
            child = try CleanProcessSpawn.spawn(executable, arguments: arguments, environment: environment, fileActions: &actions)
        } catch {
            throw ContainerImageError.io(path: executable, operation: "posix_spawn", errno: error.errno)
        }
        pid = child
    }

    /// Reaps the child if it has exited; true while it runs.
    public var isRunning: Bool {
        exitStatus.withLock { status in
            guard status == nil else { return false }
            var raw: Int32 = 0
            let reaped = waitpid(pid, &raw, WNOHANG)
            if reaped == pid {
                status = CleanProcessSpawn.exitCode(fromWaitStatus: raw)
                return false
            }
            return reaped == 0
        }
    }

    /// The exit code (or 128 + signal) once `isRunning` has seen the child end.
    public var terminationStatus: Int32? { exitStatus.withLock { $0 } }

    public func signal(_ number: Int32) {
        if isRunning { kill(pid, number) }
    }
}
