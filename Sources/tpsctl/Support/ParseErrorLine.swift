/// ArgumentParser's message for bad input, as one line naming the flag. A value a `FlagValue`
/// refused comes as ArgumentParser's "The value 'V' is invalid for '--flag <v>': <why>"; it is
/// said `--flag: <why>`, as the commands' own checks say it. Anything else is joined to one line.
struct ParseErrorLine: CustomStringConvertible {
    let description: String

    init(_ message: String) {
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        if let match = line.wholeMatch(of: /The value '.*' is invalid for '(?<flag>-[^ ']+)[^']*': (?<why>.+)/) {
            description = "\(match.flag): \(match.why)"
        } else {
            description = line
        }
    }
}
