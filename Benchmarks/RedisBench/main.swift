// Measures RedisClient throughput the way redis-benchmark measures the server: N clients, each
// sending one command and waiting for its reply, for a fixed number of requests. Prints CSV lines
// "name","ops_per_sec" so scripts/bench-redis.sh can set them beside redis-benchmark's figures.
import Foundation
import RedisClient

struct Options {
    var host = "127.0.0.1"
    var port = 6379
    var password: String?
    var connections = 50
    var requests = 100_000
    var keyspace = 100_000

    init(arguments: [String]) throws {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            guard let value = iterator.next() else { throw UsageError("\(flag) needs a value") }
            switch flag {
            case "--host": host = value
            case "--port": port = try Self.number(flag, value)
            case "--connections": connections = try Self.number(flag, value)
            case "--requests": requests = try Self.number(flag, value)
            case "--keyspace": keyspace = try Self.number(flag, value)
            default: throw UsageError("unknown flag \(flag)")
            }
        }
        // The password comes from the environment, never argv (argv is visible in ps).
        password = ProcessInfo.processInfo.environment["REDIS_BENCH_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func number(_ flag: String, _ value: String) throws -> Int {
        guard let number = Int(value), number > 0 else { throw UsageError("\(flag): '\(value)' is not a positive number") }
        return number
    }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `requests` operations spread over `connections` concurrent loops; returns operations per second.
func measure(_ pool: RedisConnectionPool, _ options: Options,
             _ operation: @escaping @Sendable (RedisConnectionPool, Int) async throws -> Void) async throws -> Double {
    let perTask = options.requests / options.connections
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<options.connections {
            group.addTask {
                for _ in 0..<perTask {
                    try await operation(pool, Int.random(in: 0..<options.keyspace))
                }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Double(perTask * options.connections) / seconds
}

do {
    let options = try Options(arguments: CommandLine.arguments)
    let configuration = RedisConfiguration(host: options.host, port: options.port, password: options.password,
                                           maximumConnections: options.connections)
    let pool = try RedisConnectionPool(configuration: configuration)
    let prefix = "bench:\(UUID().uuidString.prefix(8))"
    // Warm up: open every connection before timing.
    _ = try await measure(pool, Options(connections: options.connections, requests: options.connections * 20, from: options)) { pool, _ in
        _ = try await pool.ping()
    }
    let setNX = try await measure(pool, options) { pool, key in
        _ = try await pool.set("\(prefix):\(key)", to: "xxx", condition: .ifNotExists, expiration: .milliseconds(60_000))
    }
    let get = try await measure(pool, options) { pool, key in
        _ = try await pool.get("\(prefix):\(key)")
    }
    print("\"SET NX PX\",\"\(String(format: "%.0f", setNX))\"")
    print("\"GET\",\"\(String(format: "%.0f", get))\"")
    await pool.shutdown()
} catch {
    FileHandle.standardError.write(Data("redis-bench: \(error)\n".utf8))
    exit(1)
}

extension Options {
    init(connections: Int, requests: Int, from base: Options) {
        self = base
        self.connections = connections
        self.requests = requests
    }
}
