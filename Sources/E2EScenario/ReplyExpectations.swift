/// The contract checks every step repeats: the status code and the headers it promises.
extension HTTPReply {
    func expect(status expected: Int, step: ScenarioStep) throws(StepFailure) {
        guard status == expected else {
            throw StepFailure(step: step, expected: "HTTP \(expected)", got: summary, reply: self)
        }
    }

    func expectHeader(_ name: String, step: ScenarioStep) throws(StepFailure) -> String {
        guard let value = header(name), !value.isEmpty else {
            throw StepFailure(step: step, expected: "a \(name) header", got: "\(status) without it", reply: self)
        }
        return value
    }

    func expect(_ condition: Bool, _ expected: String, got: @autoclosure () -> String, step: ScenarioStep)
        throws(StepFailure) {
        guard condition else { throw StepFailure(step: step, expected: expected, got: got(), reply: self) }
    }
}
