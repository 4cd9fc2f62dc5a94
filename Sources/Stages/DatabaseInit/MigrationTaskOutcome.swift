/// How the migration task ended: ECS's stop code and reason, the container's exit code, and
/// the log lines it wrote (shown to the operator, and quoted in the error when it failed).
struct MigrationTaskOutcome: Sendable {
    var taskArn: String
    var stopCode: String?
    var stoppedReason: String?
    /// nil when the container never ran (e.g. the image could not be pulled).
    var exitCode: Int?
    var containerReason: String?
    var logLines: [String]

    var succeeded: Bool { exitCode == 0 }

    /// One line: what failed and why, with the last log lines for context.
    func failureDescription(family: String) -> String {
        var reasons: [String] = []
        if let exitCode { reasons.append("exit code \(exitCode)") } else { reasons.append("no exit code (the container did not run)") }
        if let stopCode { reasons.append("stop code \(stopCode)") }
        if let stoppedReason, !stoppedReason.isEmpty { reasons.append("reason: \(stoppedReason)") }
        if let containerReason, !containerReason.isEmpty { reasons.append("container: \(containerReason)") }
        var text = "migration task \(taskArn) (task definition \(family)) failed: " + reasons.joined(separator: ", ")
        if let last = logLines.suffix(3).joined(separator: " | ").nonEmpty { text += "; last log lines: \(last)" }
        return text
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
