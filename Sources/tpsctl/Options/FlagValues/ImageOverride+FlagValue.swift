import ArgumentParser
import Stages

/// `--image <service>=<repository>@sha256:<digest>`.
extension ImageOverride: ExpressibleByArgument, FlagValue {
    public init?(argument: String) { try? self.init(flagValue: argument) }

    init(flagValue text: String) throws(FlagValueRefusal) {
        do {
            self = try ImageOverride(parsing: text)
        } catch {
            throw FlagValueRefusal(error.reason)
        }
    }
}
