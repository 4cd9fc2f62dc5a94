import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix
import RedisClient

/// A redis-server of the test's own, for the one thing the shared test server must not suffer:
/// being killed and restarted. Needs `redis-server` on PATH (the test fails naming it otherwise).
final class SpawnedRedisServer: @unchecked Sendable {
    let port: Int
    let password = "spawned-\(UUID().uuidString)"
    private let executable: String
    private var process: Process?

    init() async throws {
        guard let executable = Self.findOnPath("redis-server") else {
            throw TestRedis.MissingVariable(name: "redis-server on PATH")
        }
        self.executable = executable
        self.port = try await freeLoopbackPort()
    }

    var configuration: RedisConfiguration {
        RedisConfiguration(host: "127.0.0.1", port: port, password: password,
                           connectTimeout: .seconds(2), commandTimeout: .seconds(2), maximumConnections: 2)
    }

    /// Starts the server and returns once it answers PING (bounded: 10 s).
    func start() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--requirepass", password,
                             "--save", "", "--appendonly", "no", "--dir", NSTemporaryDirectory()]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        let giveUp = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < giveUp {
            if let connection = try? await RedisConnection.connect(configuration: configuration) {
                await connection.close()
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RedisError(kind: .connectTimeout, message: "spawned redis-server on port \(port) did not start")
    }

    /// SIGKILL: no goodbye to clients, as in a crash.
    func kill() {
        guard let process, process.isRunning else { return }
        sendKill(process.processIdentifier)
        process.waitUntilExit()
        self.process = nil
    }

    private static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

private func sendKill(_ pid: Int32) {
    _ = kill(pid, SIGKILL)
}

/// A port nothing listens on right now (bound to 0, then released).
func freeLoopbackPort() async throws -> Int {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress!.port!
    channel.close(promise: nil)
    try await channel.closeFuture.get()
    return port
}

/// A TCP server that accepts and never says a word: what a hung Redis looks like to a client.
final class SilentServer: Sendable {
    private let channel: any Channel
    var port: Int { channel.localAddress!.port! }

    init() async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func close() async {
        channel.close(promise: nil)
        try? await channel.closeFuture.get()
    }
}
