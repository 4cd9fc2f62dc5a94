import E2EScenario
import Foundation
import Ticketing

/// A shard's result carried on its stdout, which ECS's awslogs driver sends to CloudWatch Logs:
/// the JSON in base64 pieces, one numbered line each (`tpsctl-load-result 2/5 <piece>`), short
/// enough that no log driver splits a line (awslogs keeps 256 KiB, Docker splits at 16 KiB).
/// `load run --ecs` reads the task's stream back and joins the pieces. No bucket, no extra
/// permission: the execution role already writes the task's logs.
enum LoadResultLog {
    static let marker = "tpsctl-load-result"
    static let pieceLength = 8_000

    static func lines(_ result: LoadReport) throws -> [String] {
        let text = try result.encoded().base64EncodedString()
        var pieces: [Substring] = []
        var rest = text[...]
        while !rest.isEmpty {
            pieces.append(rest.prefix(pieceLength))
            rest = rest.dropFirst(pieceLength)
        }
        return pieces.enumerated().map { "\(marker) \($0.offset + 1)/\(pieces.count) \($0.element)" }
    }

    /// The result in `lines` (other lines ignored); nil when no piece is there, an error naming
    /// what is missing when only some are.
    static func result(in lines: [String]) throws -> LoadReport? {
        var pieces: [Int: Substring] = [:]
        var total: Int?
        for line in lines where line.hasPrefix(marker + " ") {
            let fields = line.split(separator: " ", maxSplits: 2)
            let position = fields.count == 3 ? fields[1].split(separator: "/") : []
            guard position.count == 2, let index = Int(position[0]), let count = Int(position[1]) else { continue }
            total = count
            pieces[index] = fields[2]
        }
        guard let total else { return nil }
        let missing = (1...total).filter { pieces[$0] == nil }
        guard missing.isEmpty else {
            throw LoadResultFiles.Unreadable(description: "the result's pieces \(missing.map(String.init).joined(separator: ", ")) of \(total) are not in the log")
        }
        guard let data = Data(base64Encoded: (1...total).map { String(pieces[$0]!) }.joined()) else {
            throw LoadResultFiles.Unreadable(description: "the result in the log is not base64")
        }
        do {
            return try JSONCoding.makeDecoder().decode(LoadReport.self, from: data)
        } catch {
            throw LoadResultFiles.Unreadable(description: "the result in the log is not a tpsctl load result (\(LoadResultFiles.describe(error)))")
        }
    }
}
