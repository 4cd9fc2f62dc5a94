import ArgumentParser

/// `--max N` of `tpsctl dlq`: how many messages at most, read as text so that anything but a
/// whole number in range is one line naming the flag, like every other bad input.
enum MessageLimit {
    static let range = 1...100_000

    static func parse(_ text: String) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw ValidationError("--max \(text): must be a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }
}
