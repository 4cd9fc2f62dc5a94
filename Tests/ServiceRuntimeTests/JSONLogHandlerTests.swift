import Foundation
import Logging
import ServiceRuntime
import Synchronization
import Testing

/// The services' log format: one JSON object per line, fields queryable by CloudWatch Logs Insights.
@Suite("JSON log lines")
struct JSONLogHandlerTests {
    struct QueueUnreachable: Error, CustomStringConvertible {
        var description: String { "SQS ReceiveMessage: connection refused" }
    }

    @Test("one sorted JSON object per line: level, logger, message, the handler's and the call's metadata, the error")
    func oneObjectPerLine() throws {
        let lines = Mutex<[Data]>([])
        var logger = Logger(label: "confirm-worker") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "region"] = "ap-northeast-1"
        logger.debug("below the level")
        logger.warning("poll failed", error: QueueUnreachable(), metadata: ["attempt": "3", "region": "ap-northeast-2"])

        let written = lines.withLock { $0 }
        try #require(written.count == 1)
        let line = try #require(String(data: written[0], encoding: .utf8))
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().contains("\n") == false)
        let fields = try JSONDecoder().decode([String: String].self, from: written[0])
        #expect(fields["level"] == "warning")
        #expect(fields["logger"] == "confirm-worker")
        #expect(fields["msg"] == "poll failed")
        #expect(fields["attempt"] == "3")
        #expect(fields["region"] == "ap-northeast-2", "the call's metadata wins over the handler's")
        #expect(fields["error"] == "SQS ReceiveMessage: connection refused")
        #expect(fields["ts"].map { (try? Date.ISO8601FormatStyle().parse($0)) != nil } == true)
        #expect(line.hasPrefix(#"{"attempt":"3","error":"#), "keys are sorted")
    }
}
