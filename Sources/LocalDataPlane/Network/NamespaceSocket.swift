import Foundation

/// glibc's setns(2); Swift's Glibc module leaves it out (it is behind _GNU_SOURCE).
@_silgen_name("setns")
private func setns(_ fd: CInt, _ nstype: CInt) -> CInt

/// clone(2)'s flag naming the network namespace type.
private let CLONE_NEWNET: CInt = 0x4000_0000

/// A listening TCP socket bound inside another network namespace. Linux gives a socket the
/// namespace of the thread that created it, for its whole life; so the calling thread joins
/// the task's namespace just long enough to create and bind it, then returns to its own.
/// Event loops then accept on it from the host's namespace, and what they connect to (the
/// host's loopback) is the host's.
enum NamespaceSocket {
    /// No suspension point between the two `setns` calls, so no other work can run on this
    /// thread while it is in the task's namespace.
    static func listen(namespace: String, host: String, port: Int) throws -> CInt {
        let target = open("/run/netns/\(namespace)", O_RDONLY | O_CLOEXEC)
        guard target >= 0 else { throw DataPlaneError.socket("open /run/netns/\(namespace): \(String(cString: strerror(errno)))") }
        defer { close(target) }
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { throw DataPlaneError.socket("open /proc/thread-self/ns/net: \(String(cString: strerror(errno)))") }
        defer { close(original) }
        guard setns(target, CLONE_NEWNET) == 0 else {
            throw DataPlaneError.socket("setns \(namespace): \(String(cString: strerror(errno)))")
        }
        defer {
            // Failing to return would leave this thread in the task's namespace: nothing safe remains.
            if setns(original, CLONE_NEWNET) != 0 { fatalError("setns back to the host namespace failed: \(errno)") }
        }
        return try bound(host: host, port: port)
    }

    private static func bound(host: String, port: Int) throws -> CInt {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw DataPlaneError.socket("socket: \(String(cString: strerror(errno)))") }
        var one: CInt = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<CInt>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(fd)
            throw DataPlaneError.socket("\(host) is not an IPv4 address")
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0, Glibc.listen(fd, 512) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw DataPlaneError.socket("bind \(host):\(port): \(reason)")
        }
        return fd
    }
}
