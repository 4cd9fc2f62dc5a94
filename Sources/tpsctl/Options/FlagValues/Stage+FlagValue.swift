import ArgumentParser
import Provisioning

/// `--stage`, `--from`, `--to`: `3`, `03`, `03-dataplane` or `dataplane`.
extension Stage: ExpressibleByArgument, FlagValue {
    init(flagValue text: String) throws(FlagValueRefusal) {
        guard let stage = Stage(argument: text) else {
            throw FlagValueRefusal("'\(text)' is not a stage (expected one of \(Stage.allCases.map(\.slug).joined(separator: ", ")))")
        }
        self = stage
    }
}
