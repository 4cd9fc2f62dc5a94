extension StringProtocol {
    /// The text without leading and trailing whitespace (newlines included): FoundationEssentials
    /// has no `trimmingCharacters(in:)`, and the services avoid Foundation proper (image size).
    public func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
