import Hummingbird
import HummingbirdTesting
import ServiceRuntime
import Testing

/// The `healthcheck` subcommand ECS runs inside the task: argument recognition and the probe
/// against a real HTTP server on loopback. The server runs in this process (Hummingbird, live on an
/// ephemeral port) so that stopping it cannot depend on a child process honouring SIGTERM.
@Suite("Container health check", .serialized, .timeLimit(.minutes(1)))
struct ContainerHealthCheckTests {
    @Test("recognised alone or after a repeated program name, nothing else")
    func arguments() {
        #expect(ContainerHealthCheck.isRequested(["/usr/local/bin/public-api", "healthcheck"]))
        #expect(ContainerHealthCheck.isRequested(["/usr/local/bin/public-api", "public-api", "healthcheck"]))
        #expect(!ContainerHealthCheck.isRequested(["/usr/local/bin/public-api"]))
        #expect(!ContainerHealthCheck.isRequested(["/usr/local/bin/public-api", "healthcheck", "extra"]))
        #expect(!ContainerHealthCheck.isRequested(["/usr/local/bin/confirm-worker", "migrate"]))
    }

    @Test("2xx is healthy; 404, an answer later than the timeout and a closed port are not")
    func probe() async throws {
        let router = Router()
        router.get("ping") { _, _ in "pong" }
        router.get("slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(2))
            return "late"
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let environment = try await app.test(.live) { client in
            let environment = ["PORT": String(try #require(client.port))]
            #expect(await ContainerHealthCheck.probe(path: "/ping", environment: environment) == 0)
            #expect(await ContainerHealthCheck.probe(path: "/no-such-path", environment: environment) == 1)
            #expect(await ContainerHealthCheck.probe(path: "/slow", environment: environment,
                                                     timeout: .milliseconds(300)) == 1)
            return environment
        }
        #expect(await ContainerHealthCheck.probe(path: "/ping", environment: environment) == 1)
    }
}
