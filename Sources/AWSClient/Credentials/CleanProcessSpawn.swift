#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc's posix_spawn_file_actions_addclosefrom_np (2.34+), which Swift's Glibc module leaves out.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: CInt) -> CInt

/// posix_spawn with the signal state a freshly started program expects: no blocked signals and
/// every disposition at its default, and no descriptor but 0-2 (the caller's sockets — a
/// credentials listener, a registry connection — must not leak into a child, least of all a
/// container's). A child otherwise inherits the spawning thread's mask, and
/// a thread that blocks SIGTERM (as the test runner's concurrency threads do) would start a child
/// that never sees it. Shared by `credential_process` here and the image runs of ContainerImage
/// (whose `ImageVerifierTests` check that SIGTERM reaches the child).
public enum CleanProcessSpawn {
    /// posix_spawn failed with this errno.
    public struct Failure: Error, Sendable {
        public let errno: Int32
    }

    /// A waitpid(2) status as shells report it: the exit code, or 128 + the signal that ended it.
    public static func exitCode(fromWaitStatus status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Starts `executable` with argv `[executable] + arguments`, the given file actions and
    /// `environment` (nil: this process's environment); returns the child's pid.
    public static func spawn(_ executable: String, arguments: [String], environment: [String: String]?,
                             fileActions: inout posix_spawn_file_actions_t) throws(Failure) -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        #if canImport(Glibc)
        _ = addCloseFrom(&fileActions, 3)
        #endif
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { variables in variables.keys.sorted().map { strdup("\($0)=\(variables[$0]!)") } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = envp.map { posix_spawn(&child, executable, &fileActions, &attributes, argv, $0) }
            ?? posix_spawn(&child, executable, &fileActions, &attributes, argv, environ)
        guard result == 0 else { throw Failure(errno: result) }
        return child
    }
}
