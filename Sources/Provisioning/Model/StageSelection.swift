/// The stages a command acts on, from `--stage NN`, `--from NN` and `--to NN`.
/// Parsed once, before anything is read or mutated, so a typo fails with the flag's name.
public struct StageSelection: Sendable, Hashable, CustomStringConvertible {
    /// Selected stages in ascending order.
    public let stages: [Stage]

    public static let all = StageSelection(uncheckedStages: Stage.allCases)

    init(uncheckedStages: [Stage]) { self.stages = uncheckedStages.sorted() }

    /// Validates the flags: `--stage` excludes `--from`/`--to`; `--from` must not come after `--to`.
    public init(stage: Stage?, from: Stage?, to: Stage?) throws(StageSelectionError) {
        if let stage {
            guard from == nil, to == nil else { throw .exclusive }
            self.init(uncheckedStages: [stage])
            return
        }
        let lower = from ?? .network, upper = to ?? .dbInit
        guard lower <= upper else { throw .emptyRange(from: lower, to: upper) }
        self.init(uncheckedStages: Stage.allCases.filter { $0 >= lower && $0 <= upper })
    }

    /// The same from the flags' text (`03`, `03-dataplane`, `dataplane`).
    public init(stage: String? = nil, from: String? = nil, to: String? = nil) throws(StageSelectionError) {
        try self.init(stage: try stage.map { text throws(StageSelectionError) in try Self.parse(text, flag: "--stage") },
                      from: try from.map { text throws(StageSelectionError) in try Self.parse(text, flag: "--from") },
                      to: try to.map { text throws(StageSelectionError) in try Self.parse(text, flag: "--to") })
    }

    public func contains(_ stage: Stage) -> Bool { stages.contains(stage) }

    public var description: String {
        guard let first = stages.first, let last = stages.last else { return "no stage" }
        return first == last ? first.slug : "\(first.slug) … \(last.slug)"
    }

    private static func parse(_ text: String, flag: String) throws(StageSelectionError) -> Stage {
        guard let stage = Stage(argument: text) else { throw .unknownStage(flag: flag, value: text) }
        return stage
    }
}

/// A one-line message naming the flag at fault.
public enum StageSelectionError: Error, Equatable, CustomStringConvertible {
    case unknownStage(flag: String, value: String)
    case exclusive
    case emptyRange(from: Stage, to: Stage)

    public var description: String {
        switch self {
        case let .unknownStage(flag, value):
            let known = Stage.allCases.map(\.slug).joined(separator: ", ")
            return "\(flag): '\(value)' is not a stage (expected one of \(known))"
        case .exclusive:
            return "--stage: cannot be combined with --from or --to"
        case let .emptyRange(from, to):
            return "--from \(from.number) comes after --to \(to.number): no stage selected"
        }
    }
}
