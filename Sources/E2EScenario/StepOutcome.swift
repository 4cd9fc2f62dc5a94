/// What a step produced for the steps after it, plus what result.json records about it.
struct StepOutcome<Value: Sendable>: Sendable {
    let value: Value
    let detail: String
    let replies: [HTTPReply]

    init(_ value: Value, detail: String, replies: [HTTPReply]) {
        self.value = value
        self.detail = detail
        self.replies = replies
    }
}
