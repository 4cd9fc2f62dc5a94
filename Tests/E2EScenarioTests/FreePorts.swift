import NIOPosix

/// Loopback ports free at the moment of asking, for servers started right after.
enum FreePorts {
    static func take(_ count: Int) throws -> [Int] {
        let sockets = try (0..<count).map { _ in
            try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).wait()
        }
        let ports = sockets.compactMap { $0.localAddress?.port }
        for socket in sockets { try socket.close().wait() }
        return ports
    }
}
