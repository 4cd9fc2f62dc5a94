import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Ticketing

/// JSON over HTTP as the contract speaks it, timing each exchange. Transport failures become a
/// `StepFailure` naming the URL (never headers: the room token travels in one).
public struct ContractHTTPClient: Sendable {
    let http: HTTPClient
    let timeout: Duration
    /// Bodies larger than this are a contract violation for every endpoint of the scenario.
    static let maximumBodyBytes = 4 * 1024 * 1024

    public init(http: HTTPClient, timeout: Duration) {
        self.http = http
        self.timeout = timeout
    }

    public func get(_ url: URL, headers: [(String, String)] = [], step: ScenarioStep) async throws(StepFailure)
        -> HTTPReply {
        try await send(.GET, url, body: nil, headers: headers, step: step)
    }

    public func post(_ url: URL, json: some Encodable, headers: [(String, String)] = [], step: ScenarioStep)
        async throws(StepFailure) -> HTTPReply {
        let body: Data
        do {
            body = try JSONCoding.makeEncoder().encode(json)
        } catch {
            throw StepFailure(step: step, expected: "an encodable request", got: "\(error)")
        }
        return try await send(.POST, url, body: body, headers: [("content-type", "application/json")] + headers,
                              step: step)
    }

    func send(_ method: HTTPMethod, _ url: URL, body: Data?, headers: [(String, String)], step: ScenarioStep)
        async throws(StepFailure) -> HTTPReply {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        request.headers.add(name: "accept", value: "application/json, application/problem+json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let started = ContinuousClock.now
        do {
            let response = try await http.execute(request, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
            let bytes = try await response.body.collect(upTo: Self.maximumBodyBytes)
            let latency = Self.milliseconds(ContinuousClock.now - started)
            var fields: [String: String] = [:]
            for header in response.headers {
                let name = header.name.lowercased()
                fields[name] = fields[name].map { "\($0), \(header.value)" } ?? header.value
            }
            return HTTPReply(status: Int(response.status.code), headers: fields, body: Data(bytes.readableBytesView),
                             latencyMs: latency)
        } catch {
            throw StepFailure(step: step, expected: "an answer from \(method.rawValue) \(url.absoluteString)",
                              got: Self.describe(error))
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// "connection refused" rather than a type dump.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout { return "no answer within the request timeout" }
            return "transport error \(error)"
        }
        let text = String(describing: error)
        if text.lowercased().contains("connection refused") { return "connection refused" }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension Duration {
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
