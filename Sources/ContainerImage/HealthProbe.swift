import AsyncHTTPClient
import Foundation
import NIOCore

/// Polls a health URL until it answers 2xx, the process exits, or time runs out; the last
/// lines of the service log go into the error so a failed start explains itself.
struct HealthProbe {
    struct Result: Sendable {
        let status: Int
        let body: String
    }

    let url: String
    let timeout: Duration

    /// `exitStatus`: nil while the service runs, its exit status once it ended.
    func waitUntilHealthy(exitStatus: @Sendable () -> Int32?, logPath: String) async throws -> Result {
        let deadline = ContinuousClock.now + timeout
        var lastProblem = "no answer yet"
        while ContinuousClock.now < deadline {
            if let status = exitStatus() {
                throw ContainerImageError.unhealthy(url: url, exitStatus: status, detail: "", log: Self.tail(logPath))
            }
            do {
                let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(2))
                let body = String(buffer: try await response.body.collect(upTo: 64 * 1024))
                if (200..<300).contains(Int(response.status.code)) { return Result(status: Int(response.status.code), body: body) }
                lastProblem = "HTTP \(response.status.code)"
            } catch {
                lastProblem = String(describing: error)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ContainerImageError.unhealthy(url: url, exitStatus: nil, detail: "no 2xx within \(timeout) (last: \(lastProblem))",
                                            log: Self.tail(logPath))
    }

    static func tail(_ path: String) -> String {
        let text = String(decoding: (try? readWholeFile(path)) ?? [], as: UTF8.self)
        let lines = text.split(separator: "\n").suffix(5).joined(separator: " | ")
        return lines.isEmpty ? "(empty)" : String(lines.suffix(600))
    }
}
