import ArgumentParser
import E2EScenario

/// `--shard K/N`.
extension LoadShard: ExpressibleByArgument, FlagValue {
    public init?(argument: String) { try? self.init(flagValue: argument) }

    init(flagValue text: String) throws(FlagValueRefusal) {
        do {
            self = try LoadShard(parsing: text)
        } catch {
            throw FlagValueRefusal(error.description)
        }
    }
}
