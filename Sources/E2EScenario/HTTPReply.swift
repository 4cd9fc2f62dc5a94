import Foundation
import Ticketing

/// One answer as the scenario saw it: enough to check the contract (status, headers, body)
/// and to say what went wrong without a debugger.
public struct HTTPReply: Sendable {
    public let status: Int
    /// Header names lowercased; repeated headers joined with ", ".
    public let headers: [String: String]
    public let body: Data
    /// Wall time from sending the request to the last body byte.
    public let latencyMs: Double

    public init(status: Int, headers: [String: String], body: Data, latencyMs: Double) {
        self.status = status
        self.headers = headers
        self.body = body
        self.latencyMs = latencyMs
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body as a contract type, or a failure naming the type and the decoding problem.
    public func decode<T: Decodable>(_ type: T.Type, step: ScenarioStep) throws(StepFailure) -> T {
        do {
            return try JSONCoding.makeDecoder().decode(T.self, from: body)
        } catch {
            throw StepFailure(step: step, expected: "a \(T.self) body", got: "\(status) \(Self.describe(error))",
                              reply: self)
        }
    }

    /// `409 seat-unavailable: seat S01-00001 is already held` for problems, else status and a
    /// short body excerpt. Bodies are service answers: they carry no secrets of the client.
    public var summary: String {
        if let problem = try? JSONCoding.makeDecoder().decode(Problem.self, from: body) {
            return problem.description
        }
        let text = String(decoding: body.prefix(160), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        return text.isEmpty ? "\(status) (empty body)" : "\(status) \(text)"
    }

    /// The problem's machine code, when the body is problem+json.
    public var problemCode: ErrorCode? {
        (try? JSONCoding.makeDecoder().decode(Problem.self, from: body))?.code
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            "bad field \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: "undecodable body"
        }
    }
}
