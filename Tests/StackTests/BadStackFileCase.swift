/// A stack file with mistakes and the exact diagnostics it must produce.
struct BadStackFileCase: Sendable, CustomTestStringConvertible {
    let name: String
    let yaml: String
    let expected: [String]

    var testDescription: String { name }
}

import Testing
