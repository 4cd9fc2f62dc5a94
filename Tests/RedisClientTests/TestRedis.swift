import Foundation
import NIOCore
import RedisClient

/// The test servers, from the environment `scripts/testenv start` writes. A missing variable fails the
/// test with its name: these tests never skip.
enum TestRedis {
    struct MissingVariable: Error, CustomStringConvertible {
        let name: String
        var description: String {
            "\(name) is not set: start the test servers (scripts/testenv start; source .testenv/env)"
        }
    }

    static func variable(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw MissingVariable(name: name)
        }
        return value
    }

    static func port(_ name: String) throws -> Int {
        let text = try variable(name)
        guard let port = Int(text) else { throw MissingVariable(name: "\(name) (as a port number, not '\(text)')") }
        return port
    }

    /// The plain-TCP server with requirepass.
    static func configuration(maximumConnections: Int = 8, clientName: String? = nil) throws -> RedisConfiguration {
        var configuration = RedisConfiguration(
            host: try variable("TPS_REDIS_HOST"),
            port: try port("TPS_REDIS_PORT"),
            password: try variable("TPS_REDIS_PASSWORD"))
        configuration.maximumConnections = maximumConnections
        configuration.clientName = clientName
        return configuration
    }

    /// The TLS server (same password), verified against the test CA.
    static func tlsConfiguration() throws -> RedisConfiguration {
        RedisConfiguration(
            host: try variable("TPS_REDIS_HOST"),
            port: try port("TPS_REDIS_TLS_PORT"),
            password: try variable("TPS_REDIS_PASSWORD"),
            tls: .init(caFilePath: try variable("TPS_REDIS_TLS_CA")))
    }

    static func connect() async throws -> RedisConnection {
        try await RedisConnection.connect(configuration: configuration())
    }

    /// Keys unique to one test run, so tests can run in parallel against one server.
    static func key(_ label: String) -> String {
        "tps-test:\(label):\(UUID().uuidString)"
    }
}

/// Polls `condition` every millisecond (not a busy loop: the test's peers need the threads),
/// failing after 10 seconds instead of hanging.
func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
    let giveUp = ContinuousClock.now + .seconds(10)
    while !condition() {
        guard ContinuousClock.now < giveUp else { throw WaitTimedOut(what: what) }
        try await Task.sleep(for: .milliseconds(1))
    }
}

struct WaitTimedOut: Error, CustomStringConvertible {
    let what: String
    var description: String { "gave up after 10 s waiting until \(what)" }
}

/// A binary value of `size` bytes with every byte value in it, built in 256-byte steps
/// (byte-at-a-time writes are very slow in debug builds).
func binaryValue(size: Int) -> ByteBuffer {
    let pattern = (0..<256).map { UInt8($0) }
    var value = ByteBuffer()
    value.reserveCapacity(size)
    while value.readableBytes + 256 <= size { value.writeBytes(pattern) }
    value.writeBytes(pattern.prefix(size - value.readableBytes))
    return value
}
