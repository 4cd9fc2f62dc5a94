import ArgumentParser

/// A flag's value as a type: ArgumentParser parses it once, and a refusal says what is wrong
/// with the value (`'x' is not a stage …`); the parse-error path names the flag before it
/// (`ParseErrorLine`). Declare the option with `transform: T.init(flagValue:)`, which is how
/// ArgumentParser passes the refusal on; `init?(argument:)` serves everything else.
protocol FlagValue: ExpressibleByArgument, Sendable {
    init(flagValue text: String) throws(FlagValueRefusal)
}

extension FlagValue {
    init?(argument: String) { try? self.init(flagValue: argument) }
}

/// Why a flag's value was refused, without the flag (one line).
struct FlagValueRefusal: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
