import E2EScenario
import Foundation
import Stack
import Ticketing
import Yams

/// Per-task throughput read from a `tpsctl load --json` result recorded against a deployment
/// that runs ONE task of each service (desired = min = max = 1), at the stack's task sizes.
///
/// The best step is the fastest one that met the seed's goal — p95 ≤ 200 ms and ≥ 99 % 2xx/304 —
/// and each service's figure is what it served in that step: public-api the reads plus two calls
/// per purchase, confirm-api the replays and polls plus three per purchase, the worker one commit
/// per purchase. The service that limited the step is measured exactly; the others carried at
/// least that much, so their figures are lower bounds and the plan errs on more tasks.
public enum MeasuredThroughput {
    public static let p95GoalMs = 200.0
    public static let okRatioGoal = 0.99

    public static func read(path: String) throws(CapacityError) -> TaskThroughput {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CapacityError("\(path): cannot read the --measured file: \((error as NSError).localizedDescription)")
        }
        return try parse(data, file: path)
    }

    /// Parses the JSON text of a load result; `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws(CapacityError) -> TaskThroughput {
        let text = String(decoding: data, as: UTF8.self)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw CapacityError("\(file):\(line(of: error)): not a JSON load result: \(summary(of: error))")
        } catch {
            throw CapacityError("\(file):1: not a JSON load result")
        }
        guard let root, root.mapping != nil else {
            throw CapacityError("\(file):1: not a JSON load result (expected the object `tpsctl load --json` writes)")
        }
        let report: LoadReport
        do {
            report = try JSONCoding.makeDecoder().decode(LoadReport.self, from: data)
        } catch let error as DecodingError {
            let (path, message) = describe(error)
            throw CapacityError("\(file):\(line(of: path, in: root)): \(message)")
        } catch {
            throw CapacityError("\(file):1: not a JSON load result: \(error)")
        }
        guard !report.steps.isEmpty else {
            throw CapacityError("\(file):\(line(of: ["steps"], in: root)): steps: the load result has no step")
        }
        let passing = report.steps.enumerated().filter { _, step in
            step.requests > 0 && step.okRatio >= okRatioGoal && step.p95Ms <= p95GoalMs
        }
        guard let (index, best) = passing.max(by: { $0.element.achievedRate < $1.element.achievedRate }) else {
            let first = report.steps[0]
            throw CapacityError("\(file):\(line(of: ["steps"], in: root)): steps: no step met p95 ≤ "
                + "\(Int(p95GoalMs)) ms with ≥ \(Int(okRatioGoal * 100)) % 2xx (step 1 at \(first.targetRate)/s: p95 "
                + "\(String(format: "%.1f", first.p95Ms)) ms, \(String(format: "%.1f", first.okRatio * 100)) % ok); "
                + "run tpsctl load with lower --rates")
        }
        let seconds = best.shards.map(\.seconds).max() ?? 0
        guard seconds > 0 else {
            throw CapacityError("\(file):\(line(of: ["steps", "\(index)", "shards"], in: root)): steps[\(index)]: "
                + "the step has no duration")
        }
        func rate(_ kind: LoadRequestKind) -> Double { Double(best.kinds[kind]?.requests ?? 0) / seconds }
        let perTask: [ServiceName: Double] = [
            .publicAPI: rate(.summary) + rate(.roomStatus) + rate(.seats)
                + rate(.purchase) * TrafficMix.publicCallsPerPurchase,
            .confirmAPI: rate(.intentReplay) + rate(.statusPoll) + rate(.purchase) * TrafficMix.confirmCallsPerPurchase,
            .confirmWorker: rate(.purchase),
        ]
        if let (service, _) = perTask.sorted(by: { $0.key < $1.key }).first(where: { $0.value <= 0 }) {
            throw CapacityError("\(file):\(line(of: ["steps", "\(index)", "kinds"], in: root)): steps[\(index)]: "
                + "no request reached \(service) in the best step (step \(index + 1), \(best.targetRate)/s)")
        }
        return TaskThroughput(perTask: perTask, source: "\(file), step \(index + 1) (\(best.targetRate)/s target, "
            + "\(String(format: "%.0f", best.achievedRate))/s achieved, p95 \(String(format: "%.1f", best.p95Ms)) ms)")
    }

    /// The line of the deepest value on `path` that the file has (its parent's when it is missing).
    static func line(of path: [String], in root: Node) -> Int {
        var node = root
        var line = root.mark?.line ?? 1
        for key in path {
            if let mapping = node.mapping, let child = mapping[key] {
                node = child
            } else if let sequence = node.sequence, let index = Int(key), sequence.indices.contains(index) {
                node = sequence[index]
            } else {
                break
            }
            line = node.mark?.line ?? line
        }
        return line
    }

    static func describe(_ error: DecodingError) -> (path: [String], message: String) {
        func render(_ path: [any CodingKey]) -> [String] { path.map { $0.intValue.map(String.init) ?? $0.stringValue } }
        func dotted(_ keys: [String]) -> String { keys.isEmpty ? "the load result" : keys.joined(separator: ".") }
        switch error {
        case let .keyNotFound(key, context):
            let path = render(context.codingPath)
            return (path, "\(dotted(path)): missing \"\(key.stringValue)\" (is this a `tpsctl load --json` file?)")
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            let path = render(context.codingPath)
            return (path, "\(dotted(path)): \(context.debugDescription)")
        @unknown default:
            return ([], "not a load result")
        }
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): mark.line
        default: 1
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _): problem
        default: "\(error)"
        }
    }
}
