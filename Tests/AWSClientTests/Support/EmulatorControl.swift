@testable import AWSClient
import Foundation
@testable import AWSClientTestSupport

/// The emulator's control API (`/_tps/faults`, `/_tps/requests`). Faults and log queries are
/// scoped to one access key id, so tests running in parallel never see each other's.
struct EmulatorControl {
    let endpoint: String
    /// Unique per test: the fault scope and the request-log filter.
    let accessKeyId: String

    init() throws {
        endpoint = try LocalAWS.endpoint()
        accessKeyId = "AKIDFAULT" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(11).uppercased()
    }

    /// A client signing with this test's access key, with millisecond backoff.
    func client(region: String = "ap-northeast-1", maxAttempts: Int = 3) -> AWSClient {
        AWSClient(
            region: region,
            credentialProvider: StaticCredentialProvider(
                .init(accessKeyId: accessKeyId, secretAccessKey: LocalAWS.secretAccessKey), source: "test"),
            endpoints: EndpointResolver(explicitURL: endpoint),
            retry: RetryConfiguration(maxAttempts: maxAttempts, baseDelay: .milliseconds(2)))
    }

    /// Adds a fault for this test's key; returns its id.
    @discardableResult
    func addFault(_ spec: [String: JSONValue]) async throws -> String {
        var body = spec
        body["accessKeyId"] = .string(accessKeyId)
        let answer = try await call("POST", "/_tps/faults", body: .object(body))
        guard let id = answer["id"]?.string else {
            throw TestSetupError(description: "the emulator at \(endpoint) has no fault API (POST /_tps/faults answered \(answer))")
        }
        return id
    }

    func removeFaults() async throws {
        _ = try await call("DELETE", "/_tps/faults?accessKeyId=\(accessKeyId)")
    }

    /// HTTP statuses of this test's requests for `action`, oldest first.
    func statuses(action: String) async throws -> [Int] {
        let log = try await call("GET", "/_tps/requests?accessKeyId=\(accessKeyId)&action=\(action)")
        return (log["requests"]?.array ?? []).compactMap { $0["status"]?.int }
    }

    private func call(_ method: String, _ path: String, body: JSONValue? = nil) async throws -> JSONValue {
        let response = try await HTTPTransport.shared.send(
            method: method, url: endpoint + path, headers: [("Content-Type", "application/json")],
            body: body?.encoded() ?? [], timeout: .seconds(10))
        guard response.isSuccess else {
            throw TestSetupError(description: "\(method) \(path) on \(endpoint) answered HTTP \(response.status): "
                + "the control API is missing; is \(LocalAWS.variable) the project's local AWS (scripts/local-aws), not stock moto?")
        }
        return try JSONValue(parsing: response.body)
    }
}
