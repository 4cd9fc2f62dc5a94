import AWSClient
import ArgumentParser
import Foundation

/// `tpsctl dlq list`: what is in one region's commit DLQ, left in place.
struct DLQListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show the commit DLQ's messages (id, group, sent, receives, the commit's identity) without removing them.",
        discussion: """
            Each message is received invisible for 30 s and made visible again at once, so listing raises its \
            ApproximateReceiveCount by one. A FIFO queue holds back the rest of a message group while part of it \
            is in flight: the depth line says how many messages there are in all.
            """)

    @OptionGroup var deployment: DeploymentOptions

    @Option(help: "Where `tpsctl up` recorded the deployment's state.")
    var stateDir = "infra/out"

    @Option(help: "At most this many messages (1...100000).")
    var max = "100"

    @Option(help: "table or json.")
    var output: ListingFormat = .table

    func run() async throws {
        try await reportingErrors {
            let limit = try MessageLimit.parse(max)
            let queues = try await CommitQueues.recorded(deployment, stateDirectory: stateDir)
            let (letters, depth) = try await DeadLetterPeek(queues: queues).run(limit: limit)
            switch output {
            case .json:
                print(JSONValue.object([
                    "region": .string(queues.region), "approximateNumberOfMessages": .number(Double(depth)),
                    "messages": .array(letters.map(\.json)),
                ]).prettyPrinted())
            case .table:
                print(table(letters))
                print("\(queues.region): \(letters.count) shown, ApproximateNumberOfMessages \(depth)")
            }
        }
    }

    private func table(_ letters: [DeadLetter]) -> String {
        let header = ["MESSAGE ID", "GROUP", "SENT", "RECEIVES", "IDEM", "INTENT", "USER", "SEATS"]
        let rows = letters.map { letter -> [String] in
            let commit = letter.commit
            return [letter.messageId, letter.groupId ?? "-", letter.sentText, String(letter.receiveCount),
                    commit?.idem ?? "(not a valid commit, \(letter.bodyBytes) bytes)", commit?.payload.intentId ?? "-",
                    commit?.payload.userId ?? "-", commit?.payload.seatIds.joined(separator: ",") ?? "-"]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
