/// One thing `tpsctl verify` found that would make a rollout fail: printed as one line,
/// `<region>: <check>: <what is wrong>`.
public struct VerifyFinding: Sendable, Hashable, CustomStringConvertible {
    public enum Check: String, Sendable, CaseIterable {
        case image, secret, trust, port, health, quota, domain, logs, tls
    }

    public let region: String
    public let check: Check
    public let message: String

    public init(region: String, check: Check, _ message: String) {
        self.region = region
        self.check = check
        self.message = message
    }

    public var description: String { "\(region): \(check.rawValue): \(message)" }
}
