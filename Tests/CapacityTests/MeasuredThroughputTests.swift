import Capacity
import Foundation
import Stack
import Testing

@Suite("tpsctl capacity --measured: per-task throughput from a load result")
struct MeasuredThroughputTests {
    @Test("the fastest step within p95 ≤ 200 ms and 99 % ok gives each service what it served")
    func bestPassingStep() throws {
        // 200/s passes, 400/s is too slow: per task, public-api served 70 % + 2 × 10 % of 200/s.
        let data = try LoadResultFixture.report(steps: [(200, 20, 0), (400, 450, 0)])
        let throughput = try MeasuredThroughput.parse(data, file: "one-task.json")
        #expect(abs(throughput[.publicAPI] - 180) < 0.001)
        #expect(abs(throughput[.confirmAPI] - 100) < 0.001)
        #expect(abs(throughput[.confirmWorker] - 20) < 0.001)
        #expect(throughput.source.hasPrefix("one-task.json, step 1 (200/s target"))
    }

    @Test("a result where no step met the goal is refused at the line of `steps`")
    func noPassingStep() throws {
        let data = try LoadResultFixture.report(steps: [(100, 20, 50)])  // 5 % unanswered
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("\"steps\"") }! + 1
        #expect(throws: CapacityError.self) { try MeasuredThroughput.parse(data, file: "slow.json") }
        do {
            _ = try MeasuredThroughput.parse(data, file: "slow.json")
        } catch {
            #expect(error.description.hasPrefix("slow.json:\(line): steps: no step met p95 ≤ 200 ms"))
        }
    }

    @Test("a field of the wrong type is named with its line", arguments: [
        ("{\n  \"targetRates\": [1],\n  \"stepSeconds\": \"ten\"\n}", "x.json:3: stepSeconds:"),
        ("[1, 2]", "x.json:1: "),
        ("{\n  \"steps\": [\n", "x.json:3: not a JSON load result"),
    ])
    func wrongShape(text: String, prefix: String) {
        do {
            _ = try MeasuredThroughput.parse(Data(text.utf8), file: "x.json")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix(prefix), "\(error.description)")
        }
    }

    @Test("a missing file is one line naming it")
    func missingFile() {
        #expect(throws: CapacityError.self) { try MeasuredThroughput.read(path: "/nonexistent/load.json") }
    }
}
