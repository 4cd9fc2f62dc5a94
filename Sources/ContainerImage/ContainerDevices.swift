#if canImport(Glibc)
import Glibc
#endif

/// The device nodes every OCI runtime — and Fargate — gives a container under `/dev`:
/// null, zero, full, random, urandom and tty, plus `/dev/shm`, `/dev/fd` and the standard
/// stream links. Images do not ship them. Without `/dev/urandom` a service still starts, but
/// Foundation's `UUID()` returns the all-zero UUID, so every hold got the same id and the
/// second one failed (found by the first real run of the images on the local data plane).
///
/// Made once in the unpacked root, which its tasks share; re-running finds them in place.
enum ContainerDevices {
    /// name, major, minor (Linux's fixed numbers for these character devices).
    static let nodes: [(name: String, major: UInt32, minor: UInt32)] = [
        ("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0),
    ]
    static let links: [(name: String, target: String)] = [
        ("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2"),
    ]

    static func populate(root: String) throws {
        let dev = root + "/dev"
        try make(directory: dev, mode: 0o755)
        try make(directory: dev + "/shm", mode: 0o1777)
        try make(directory: dev + "/pts", mode: 0o755)
        for node in nodes {
            let path = dev + "/" + node.name
            if mknod(path, S_IFCHR | 0o666, deviceNumber(node.major, node.minor)) != 0 && errno != EEXIST {
                throw failure("mknod \(path)")
            }
            // The umask narrowed the mode; a runtime's nodes are readable and writable by all.
            if chmod(path, 0o666) != 0 { throw failure("chmod \(path)") }
        }
        for link in links {
            let path = dev + "/" + link.name
            if symlink(link.target, path) != 0 && errno != EEXIST { throw failure("symlink \(path)") }
        }
    }

    /// glibc's `makedev` (a macro Swift cannot call) for majors and minors below 256.
    private static func deviceNumber(_ major: UInt32, _ minor: UInt32) -> dev_t {
        dev_t(major) << 8 | dev_t(minor)
    }

    private static func make(directory path: String, mode: mode_t) throws {
        if mkdir(path, mode) != 0 && errno != EEXIST { throw failure("mkdir \(path)") }
        if chmod(path, mode) != 0 { throw failure("chmod \(path)") }
    }

    private static func failure(_ command: String) -> ContainerImageError {
        .commandFailed(command: command, status: errno, output: String(cString: strerror(errno)))
    }
}
