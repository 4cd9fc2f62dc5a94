extension StringProtocol {
    /// The text without leading and trailing whitespace (newlines included): FoundationEssentials
    /// has no `trimmingCharacters(in:)`, and this module avoids Foundation proper (image size).
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
