import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore

/// `<service> healthcheck`: the container health check ECS runs inside the task. The image holds
/// only the service binary (no shell, no curl), so the binary probes itself: one GET to its own
/// port on loopback, healthy on a 2xx answer within the timeout.
public enum ContainerHealthCheck {
    /// True when the process was started as `<binary> healthcheck` (ECS appends a `command` to the
    /// entrypoint, so the program name may appear twice).
    public static func isRequested(_ arguments: [String] = CommandLine.arguments) -> Bool {
        var rest = Array(arguments.dropFirst())
        if let first = rest.first, let program = arguments.first,
           first.split(separator: "/").last == program.split(separator: "/").last {
            rest.removeFirst()
        }
        return rest == ["healthcheck"]
    }

    /// Exit status for ECS: 0 healthy, 1 not. `port` comes from PORT (default 8080), as the server reads it.
    /// The deadline covers connecting and the answer's head, so the probe returns within `timeout`
    /// whatever the server does; the shared client needs no shutdown, so nothing is left running.
    public static func probe(path: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                             timeout: TimeAmount = .seconds(3)) async -> Int32 {
        let port = environment["PORT"].flatMap(Int.init) ?? 8080
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.headers.add(name: "Connection", value: "close")
        do {
            let response = try await HTTPClient.shared.execute(request, deadline: .now() + timeout)
            return (200..<300).contains(response.status.code) ? 0 : 1
        } catch {
            return 1
        }
    }
}
