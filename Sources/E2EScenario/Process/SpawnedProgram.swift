import AWSClient
import Foundation
import Synchronization

/// A program started with a clean signal state (`CleanProcessSpawn`: Foundation's Process
/// would hand on the calling concurrency thread's blocked SIGTERM), stdin from /dev/null and
/// stdout and stderr written to files, and awaited by polling so no concurrency thread blocks
/// in waitpid. `tpsctl load --processes` runs its shards this way, and its tests run tpsctl.
public final class SpawnedProgram: Sendable {
    public struct SpawnFailure: Error, CustomStringConvertible {
        public let description: String
    }

    public let pid: pid_t
    public let stdoutPath: String
    public let stderrPath: String
    private let exitStatus = Mutex<Int32?>(nil)

    /// Starts `executable arguments…` with `environment` (nil: ours); the output files are truncated.
    public init(executable: String, arguments: [String], environment: [String: String]? = nil,
                stdoutPath: String, stderrPath: String) throws(SpawnFailure) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        do {
            pid = try CleanProcessSpawn.spawn(executable, arguments: arguments, environment: environment,
                                              fileActions: &actions)
        } catch {
            throw SpawnFailure(description: "cannot start \(executable): \(String(cString: strerror(error.errno)))")
        }
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
    }

    /// The exit code (128 + signal number when killed, as shells report it) once it has ended.
    public func exitCode() async -> Int32 {
        while true {
            if let code = reap() { return code }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Asks it to stop (SIGTERM) unless it has already ended.
    public func terminate() {
        if reap() == nil { kill(pid, SIGTERM) }
    }

    public var standardOutput: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    public var standardError: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// The exit code if it has ended (reaping it once), nil while it runs.
    private func reap() -> Int32? {
        exitStatus.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
            status = CleanProcessSpawn.exitCode(fromWaitStatus: raw)
            return status
        }
    }
}
