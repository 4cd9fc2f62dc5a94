/// A `tpsctl dlq` failure after the input was accepted: one line, no secret.
struct DeadLetterError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
