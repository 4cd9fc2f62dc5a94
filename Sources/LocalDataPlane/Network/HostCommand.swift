import AWSClient
import Foundation

/// Runs a host tool (`ip`) to completion: posix_spawn with a clean signal state and a blocking
/// waitpid for that one child. Foundation's Process is not used here: its SIGCHLD-driven
/// `waitUntilExit` was seen to miss a child's end when several tasks start at once, leaving a
/// task's setup waiting forever.
enum HostCommand {
    struct Result {
        let status: Int32
        let output: String
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let outputPath = NSTemporaryDirectory() + "tps-host-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let pid: pid_t
        do {
            pid = try CleanProcessSpawn.spawn(executable, arguments: arguments, environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"],
                                              fileActions: &actions)
        } catch {
            throw DataPlaneError.network("cannot start \(executable): \(String(cString: strerror(error.errno)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Result(status: CleanProcessSpawn.exitCode(fromWaitStatus: status), output: output)
    }
}
