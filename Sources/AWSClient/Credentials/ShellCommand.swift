#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `/bin/sh -c <command>` with stdin from /dev/null, stderr shared with ours and stdout
/// captured, blocking until it exits. posix_spawn directly (with a clean signal state), because
/// Foundation's `Process` would bring Foundation proper (and ICU's data) into every binary
/// linking this module.
enum ShellCommand {
    /// The exit status (128 + signal when killed) and everything written to stdout; nil when
    /// the shell cannot be started.
    static func run(_ command: String) -> (status: Int32, output: [UInt8])? {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return nil }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        defer { close(readEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        let spawned = try? CleanProcessSpawn.spawn("/bin/sh", arguments: ["-c", command], environment: nil, fileActions: &actions)
        close(writeEnd)
        guard let pid = spawned else { return nil }

        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                output.append(contentsOf: chunk[..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (CleanProcessSpawn.exitCode(fromWaitStatus: status), output)
    }
}
