import Foundation
import ServiceRuntime
import Testing

/// The `healthcheck` subcommand ECS runs inside the task: argument recognition and the probe
/// against a real HTTP server on loopback (python3's http.server: 200 for `/`, 404 otherwise).
@Suite("Container health check", .serialized)
struct ContainerHealthCheckTests {
    @Test("recognised alone or after a repeated program name, nothing else")
    func arguments() {
        #expect(ContainerHealthCheck.isRequested(["/usr/local/bin/public-api", "healthcheck"]))
        #expect(ContainerHealthCheck.isRequested(["/usr/local/bin/public-api", "public-api", "healthcheck"]))
        #expect(!ContainerHealthCheck.isRequested(["/usr/local/bin/public-api"]))
        #expect(!ContainerHealthCheck.isRequested(["/usr/local/bin/public-api", "healthcheck", "extra"]))
        #expect(!ContainerHealthCheck.isRequested(["/usr/local/bin/confirm-worker", "migrate"]))
    }

    @Test("2xx is healthy; 404 and a closed port are not")
    func probe() async throws {
        let port = Int.random(in: 20000...29999)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1"]
        server.currentDirectoryURL = FileManager.default.temporaryDirectory
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let environment = ["PORT": String(port)]
        var status: Int32 = 1
        for _ in 0..<100 where status != 0 {
            status = await ContainerHealthCheck.probe(path: "/", environment: environment)
            if status != 0 { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(status == 0, "python3 http.server on \(port) never answered 200")
        #expect(await ContainerHealthCheck.probe(path: "/no-such-path", environment: environment) == 1)
        server.terminate()
        server.waitUntilExit()
        #expect(await ContainerHealthCheck.probe(path: "/", environment: environment) == 1)
    }
}
